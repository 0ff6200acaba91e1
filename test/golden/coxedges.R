# Golden values for test/survival/coxEdges.test.ts: Cox fits on data that reach the edge branches
# of src/shared/survival/coxEfron.ts, coxStratified.ts, coxRobust.ts and coxZph.ts (step
# halving, a huge first step, a monotone likelihood that converges, a singular information, an
# estimate of 0 up to rounding, equal times at the boundary of two strata, every event at one
# time, a unique first time), computed with R's survival package. They kill mutants the other
# goldens let survive (`npm run mutation -- survival`, see docs/mutation.md).
#
# Usage, from the repository root:
#   Rscript test/golden/coxedges.R
# Writes test/golden/coxedges.json next to this script (or into $KMPOOL_GOLDEN_OUT if set, as
# `npm run golden:check` does). Numbers are written with sprintf("%.17g"); NA/NaN/Inf as null.

suppressPackageStartupMessages(library(survival))
invisible(Sys.setlocale("LC_COLLATE", "C"))

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "coxedges.json")
source(file.path(script_dir, "json.R"))

# The fit and R's warnings, which say "did not converge" or "may be infinite".
capture <- function(expr) {
  warnings <- character(0)
  value <- withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = I(warnings))
}

# What summary.coxph prints of a one-covariate fit (NA where R gives NA), at confidence `conf`.
summarise <- function(fit, conf = 0.95) {
  f <- fit$value
  s <- summary(f, conf.int = conf)
  na <- is.na(coef(f))
  ci <- s$conf.int
  list(
    beta = unname(coef(f)), se = if (na) NA else sqrt(f$var[1, 1]),
    hr = unname(ci[1, 1]), lower = unname(ci[1, 3]), upper = unname(ci[1, 4]),
    lr_chisq = unname(s$logtest["test"]), score_chisq = unname(s$sctest["test"]),
    loglik = I(f$loglik), iterations = f$iter, warnings = fit$warnings
  )
}

# cox.zph's test, or null where R stops (`solve` of a singular information).
zph <- function(f) {
  z <- tryCatch(cox.zph(f)$table, error = function(e) NULL)
  if (is.null(z)) NULL else list(chisq = z[1, "chisq"], p = z[1, "p"])
}

# ---- one covariate, no strata: coxph(Surv(time, event) ~ x, ties = "efron") -------------------
# x = 1 is arm "B", x = 0 arm "A".
unstratified <- function(name, time, event, x, conf = 0.95) {
  d <- data.frame(time = time, event = event, x = x)
  fit <- capture(coxph(Surv(time, event) ~ x, data = d, ties = "efron"))
  list(name = name, conf = conf, input = list(time = I(time), event = I(event), x = I(x)),
       coxph = summarise(fit, conf), zph = if (is.na(coef(fit$value))) NULL else zph(fit$value))
}
n_huge <- 1200
two_group <- list(
  # The first Newton step (5.93) lowers the log-likelihood: step halving (coxfit6) is needed.
  unstratified("halving", c(6, 1, 3, 8, 9, 9, 1, 8, 4, 2), c(0, 1, 0, 0, 1, 1, 1, 0, 0, 1),
               c(0, 0, 0, 0, 0, 0, 1, 0, 0, 0)),
  # The second Newton step (from beta = 0.78) lowers the log-likelihood: halving away from 0.
  unstratified("halving_later", c(9, 12, 3, 10, 9, 11, 10, 11, 5, 11), c(0, 0, 1, 1, 1, 0, 1, 0, 1, 1),
               c(0, 0, 1, 0, 1, 0, 0, 0, 0, 0)),
  # One patient of arm B has the first event, the other 1199 are censored: the first step, about
  # 1199, overflows exp(); halving brings beta to 600, where the likelihood keeps rising slowly
  # for 20 iterations (R: did not converge, coefficient may be infinite).
  unstratified("huge_step", seq_len(n_huge), c(1, rep(0, n_huge - 1)), c(1, rep(0, n_huge - 1))),
  # The mirror image, with one more event, alone at risk at the last time in arm B: the first
  # step, about -1199, makes that risk set's sum exp(-1199) = 0 and the log-likelihood +Inf;
  # halving brings beta to -600, from where it keeps falling (R: did not converge).
  unstratified("huge_negative_step", seq_len(n_huge), c(1, rep(0, n_huge - 2), 1), c(0, rep(1, n_huge - 1))),
  # Every event of the first three times in arm B: the log-likelihood converges while beta runs
  # off (R: "Loglik converged before variable 1; coefficient may be infinite").
  unstratified("converged_monotone", 1:8, c(1, 1, 1, 0, 0, 1, 0, 0), c(1, 1, 1, 1, 0, 0, 0, 0)),
  # Arm B is censored before the first event: no information on beta (R: coefficient NA).
  unstratified("singular", 1:6, c(0, 0, 1, 1, 1, 0), c(1, 1, 0, 0, 0, 0)),
  # The estimate is 0 but for rounding (1.2e-16): not flagged as infinite.
  unstratified("zero_estimate", c(6, 4, 5, 9, 3, 1, 12), c(1, 0, 1, 1, 1, 0, 1),
               c(0, 1, 1, 0, 1, 1, 1)),
  # Every event at time 5 (with censoring before and after), 90% interval: cox.zph has no
  # information (its time transform is constant over the events) and R stops in solve().
  unstratified("events_at_one_time", c(5, 5, 5, 5, 1, 2, 3, 6, 7, 8), c(1, 1, 1, 1, 0, 0, 0, 0, 0, 0),
               c(0, 1, 1, 0, 1, 0, 1, 0, 1, 1), conf = 0.9)
)

# ---- strata: coxph(Surv(time, event) ~ arm + strata(study)) ------------------------------------
stratified_case <- function(name, time, event, arm, study) {
  d <- data.frame(time = time, event = event, arm = factor(arm, levels = c("A", "B")), study = study)
  fit <- capture(coxph(Surv(time, event) ~ arm + strata(study), data = d, ties = "efron"))
  f <- fit$value
  # Score residuals (survival's coxscore2), one per patient in the input order.
  resid <- if (is.na(coef(f))) NULL else I(unname(residuals(f, type = "score")))
  list(name = name, input = list(time = I(time), event = I(event), arm = I(arm), study = I(study)),
       coxph = summarise(fit), zph = if (is.na(coef(f))) NULL else zph(f), score_residuals = resid)
}
stratified <- list(
  # Study S1 ends at time 5 where study S2 starts, both with events at 5: the risk sets at 5
  # must stay apart. Study labels sort S1 < S2, so S2 is last and is read first from the end.
  stratified_case("boundary_tie",
    c(1, 2, 3, 4, 5, 5, 5, 5, 5, 6, 7, 8, 9, 2, 4, 5),
    c(1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1),
    c("A", "B", "A", "B", "A", "B", "A", "B", "B", "A", "B", "A", "B", "B", "A", "B"),
    c("S1", "S1", "S1", "S1", "S1", "S1", "S2", "S2", "S2", "S2", "S2", "S2", "S2", "S3", "S3", "S3")),
  # Each study has one arm only: nothing is known of the hazard ratio (R: coefficient NA).
  stratified_case("one_arm_per_study", c(1, 2, 3, 4, 5, 6, 7, 8), c(1, 0, 1, 1, 0, 1, 1, 0),
                  c("A", "A", "A", "A", "B", "B", "B", "B"), c(1, 1, 1, 1, 2, 2, 2, 2))
)

# ---- cluster: coxph(Surv(time, event) ~ x, cluster = study) -------------------------------------
# The first time (0.5) is unique: the score residuals' last stratum ends on a time of its own.
clustered_case <- function(name, time, event, x, study) {
  d <- data.frame(time = time, event = event, x = x, study = study)
  f <- coxph(Surv(time, event) ~ x, cluster = study, data = d, ties = "efron")
  list(name = name, input = list(time = I(time), event = I(event), x = I(x), study = I(study)),
       coxph = list(beta = unname(coef(f)), se = sqrt(f$var[1, 1]), naive_se = sqrt(f$naive.var[1, 1]),
                    events = sum(event)))
}
clustered <- list(
  clustered_case("unique_first_time",
    c(0.5, 2, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 11, 12, 12),
    c(1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0),
    c(1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1, 0),
    c("a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a"))
)

out <- list(
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  two_group = two_group,
  stratified = stratified,
  clustered = clustered
)
writeLines(to_json(out), out_file)
cat("wrote", out_file, "\n")
