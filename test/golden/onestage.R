# Golden values for the one-stage analyses of reconstructed IPD (src/shared/survival/coxStratified,
# coxZph, coxRobust; src/shared/review/oneStage): R's survival, survRM2 and metafor.
#
# Usage, from the repository root:
#   Rscript test/golden/onestage.R
# Writes test/golden/onestage.json next to this script (or into $KMPOOL_GOLDEN_OUT if set). The
# tests read only that JSON, never R. The per-arm RMST and SE come from survival's own
# `summary(survfit(...), rmean = tau)`; when survRM2 (CRAN, GPL-2, not part of the repository) is
# installed, the script checks that `survRM2::rmst2` gives the same numbers and stops if not. The
# committed JSON was made with survRM2 1.0-4 installed (R CMD INSTALL into R_LIBS_USER).
#
# Data sets are simulated here with a fixed seed, times rounded to whole months so that there are
# tied event times; each carries its own input so the tests need nothing else.

suppressPackageStartupMessages({
  library(survival)
  library(metafor)
})
has_survRM2 <- suppressWarnings(requireNamespace("survRM2", quietly = TRUE))
if (!has_survRM2) message("survRM2 is not installed: RMST from survfit only, not cross-checked")
invisible(Sys.setlocale("LC_COLLATE", "C"))

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "onestage.json")
source(file.path(script_dir, "json.R"))

capture <- function(expr) {
  warnings <- character(0)
  value <- withCallingHandlers(expr, warning = function(w) {
    warnings <<- c(warnings, conditionMessage(w))
    invokeRestart("muffleWarning")
  })
  list(value = value, warnings = I(warnings))
}

# One study: n per arm, exponential with hazard `rate` in arm A and rate * hr in arm B (or a
# Weibull of shape `shape` in B, for non-proportional hazards), uniform censoring, whole months.
sim_study <- function(id, n_a, n_b, rate, hr, cens, shape = 1) {
  ta <- rexp(n_a, rate)
  tb <- if (shape == 1) rexp(n_b, rate * hr) else rweibull(n_b, shape, 1 / (rate * hr))
  c_all <- runif(n_a + n_b, 0, cens)
  t <- c(ta, tb)
  data.frame(
    time = pmax(1, round(pmin(t, c_all))),
    event = as.integer(t <= c_all),
    arm = c(rep("A", n_a), rep("B", n_b)),
    study = id,
    stringsAsFactors = FALSE
  )
}

set.seed(20261206)
two_arm <- list()
two_arm$five_studies <- do.call(rbind, lapply(1:5, function(s)
  sim_study(sprintf("S%d", s), 30 + 5 * s, 28 + 3 * s, 1 / (12 + 3 * s), 0.7, 48)))
# A study with one arm only, a study without events, heavy ties (times in whole quarters).
d <- do.call(rbind, lapply(1:4, function(s) sim_study(sprintf("T%d", s), 40, 40, 1 / 15, 0.6, 36)))
d <- rbind(d, transform(sim_study("T5", 25, 0, 1 / 15, 1, 36), study = "T5"))
d <- rbind(d, data.frame(time = c(3, 5, 8, 9, 12, 12), event = 0L, arm = c("A", "A", "A", "B", "B", "B"), study = "T6"))
d$time[d$study == "T2"] <- 3 * ceiling(d$time[d$study == "T2"] / 3)
two_arm$one_arm_and_no_events <- d
# Non-proportional hazards: B's Weibull shape 2 against A's exponential.
two_arm$non_proportional <- do.call(rbind, lapply(1:3, function(s)
  sim_study(sprintf("N%d", s), 60, 60, 1 / 20, 1, 60, shape = 2)))
# Small and tied: two studies of 6 patients.
two_arm$small <- data.frame(
  time = c(2, 2, 3, 5, 5, 7, 1, 2, 2, 2, 6, 8, 4, 4, 4, 6, 9, 9, 1, 3, 3, 5, 5, 10),
  event = c(1, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0),
  arm = rep(rep(c("A", "B"), each = 6), 2),
  study = rep(c("X", "Y"), each = 12),
  stringsAsFactors = FALSE
)
# Every event in arm B of each study: the coefficient runs to infinity (R warns).
two_arm$monotone <- data.frame(
  time = c(5, 6, 7, 8, 1, 2, 3, 4, 9, 9, 9, 2, 3, 3),
  event = c(0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0),
  arm = c("A", "A", "A", "A", "B", "B", "B", "B", "A", "A", "A", "B", "B", "B"),
  study = c(rep("M1", 8), rep("M2", 6)),
  stringsAsFactors = FALSE
)

stratified <- lapply(names(two_arm), function(name) {
  d <- two_arm[[name]]
  d$arm <- factor(d$arm, levels = c("A", "B"))
  fit <- capture(coxph(Surv(time, event) ~ arm + strata(study), data = d, ties = "efron"))
  f <- fit$value
  s <- summary(f)
  zph <- tryCatch(cox.zph(f)$table, error = function(e) NULL)
  list(
    name = name,
    input = list(time = I(d$time), event = I(d$event), arm = I(as.character(d$arm)), study = I(d$study)),
    coxph = list(
      beta = unname(coef(f)), se = sqrt(f$var[1, 1]),
      hr = s$conf.int[1, "exp(coef)"], lower = s$conf.int[1, "lower .95"], upper = s$conf.int[1, "upper .95"],
      wald_chisq = unname(f$wald.test), p_wald = pchisq(unname(f$wald.test), 1, lower.tail = FALSE),
      lr_chisq = unname(s$logtest["test"]), p_lr = unname(s$logtest["pvalue"]),
      score_chisq = unname(s$sctest["test"]), p_score = unname(s$sctest["pvalue"]),
      loglik = I(f$loglik), iterations = f$iter, warnings = fit$warnings
    ),
    zph = if (is.null(zph)) NULL else list(
      chisq = zph["arm", "chisq"], p = zph["arm", "p"],
      global_chisq = zph["GLOBAL", "chisq"], global_p = zph["GLOBAL", "p"]
    )
  )
})

# summary.coxph rounds the Wald statistic to 2 decimals; the tests take it from the fit.

# Single-arm studies in two subgroups: the subgroup is constant within a study.
single_arm <- list()
single_arm$eight_studies <- do.call(rbind, lapply(1:8, function(s) {
  g <- if (s <= 4) "early" else "late"
  d <- sim_study(sprintf("U%d", s), 20 + 7 * s, 0, 1 / (10 + 2 * s + (g == "late") * 6), 1, 40)
  d$subgroup <- g
  d
}))
single_arm$three_studies_ties <- do.call(rbind, lapply(1:3, function(s) {
  d <- sim_study(sprintf("V%d", s), 50, 0, 1 / 9, 1, 24)
  d$time <- 2 * ceiling(d$time / 2)
  d$subgroup <- if (s == 2) "b" else "a"
  d
}))

clustered <- lapply(names(single_arm), function(name) {
  d <- single_arm[[name]]
  d$subgroup <- factor(d$subgroup, levels = sort(unique(d$subgroup)))
  f <- coxph(Surv(time, event) ~ subgroup, cluster = study, data = d, ties = "efron")
  s <- summary(f)
  list(
    name = name,
    input = list(time = I(d$time), event = I(d$event), subgroup = I(as.character(d$subgroup)), study = I(d$study)),
    coxph = list(
      beta = unname(coef(f)), se = sqrt(f$var[1, 1]), naive_se = sqrt(f$naive.var[1, 1]),
      hr = s$conf.int[1, "exp(coef)"], lower = s$conf.int[1, "lower .95"], upper = s$conf.int[1, "upper .95"],
      wald_chisq = unname(f$wald.test), p_wald = pchisq(unname(f$wald.test), 1, lower.tail = FALSE),
      lr_chisq = unname(s$logtest["test"]), p_lr = unname(s$logtest["pvalue"])
    ),
    zph = list(chisq = cox.zph(f)$table["subgroup", "chisq"], p = cox.zph(f)$table["subgroup", "p"])
  )
})

# RMST per study and arm at tau (survRM2::rmst2), the difference and the log ratio with their
# standard errors as rmst2 computes them; the two-stage pool of the differences (metafor, REML);
# the one-stage stratified difference: the per-study differences weighted by study size.
rmst_sets <- list(five_studies = two_arm$five_studies, small = two_arm$small)
rmst <- lapply(names(rmst_sets), function(name) {
  d <- rmst_sets[[name]]
  ids <- sort(unique(d$study))
  tau <- min(tapply(d$time, paste(d$study, d$arm), max))
  per <- lapply(ids, function(id) {
    s <- d[d$study == id, ]
    arm_rmst <- function(g) {
      tab <- summary(survfit(Surv(time, event) ~ 1, data = s[s$arm == g, ]), rmean = tau)$table
      c(rmst = unname(tab["rmean"]), se = unname(tab["se(rmean)"]))
    }
    a <- arm_rmst("A"); b <- arm_rmst("B")
    # rmst2's contrasts: difference with SE sqrt(v1 + v0), log ratio by the delta method.
    z <- qnorm(0.975)
    diff <- b[["rmst"]] - a[["rmst"]]
    diff_se <- sqrt(a[["se"]]^2 + b[["se"]]^2)
    log_ratio <- log(b[["rmst"]]) - log(a[["rmst"]])
    log_ratio_se <- sqrt((a[["se"]] / a[["rmst"]])^2 + (b[["se"]] / b[["rmst"]])^2)
    out <- list(
      study = id,
      rmst_a = a[["rmst"]], se_a = a[["se"]], rmst_b = b[["rmst"]], se_b = b[["se"]],
      diff = diff, diff_se = diff_se, diff_lower = diff - z * diff_se,
      diff_p = 2 * pnorm(-abs(diff) / diff_se),
      ratio = exp(log_ratio), ratio_lower = exp(log_ratio - z * log_ratio_se),
      ratio_upper = exp(log_ratio + z * log_ratio_se), log_ratio_se = log_ratio_se
    )
    if (has_survRM2) {
      r <- survRM2::rmst2(s$time, s$event, as.integer(s$arm == "B"), tau = tau)
      theirs <- c(
        r$RMST.arm0$rmst[1:2], r$RMST.arm1$rmst[1:2], r$unadjusted.result[1, c(1, 2, 4)],
        r$unadjusted.result[2, 1:3]
      )
      ours <- unlist(out[c("rmst_a", "se_a", "rmst_b", "se_b", "diff", "diff_lower", "diff_p",
                           "ratio", "ratio_lower", "ratio_upper")])
      if (!isTRUE(all.equal(unname(theirs), unname(ours), tolerance = 1e-12))) {
        stop("survRM2::rmst2 disagrees with survfit's rmean for study ", id, " of ", name)
      }
    }
    out
  })
  diffs <- sapply(per, `[[`, "diff")
  ses <- sapply(per, `[[`, "diff_se")
  pooled <- rma(yi = diffs, sei = ses, method = "REML")
  n <- as.numeric(table(d$study)[ids])
  w <- n / sum(n)
  # One-stage: each arm's RMST averaged over studies with weights n_k / N, then rmst2's contrasts.
  std <- function(m, se) c(sum(w * m), sqrt(sum(w^2 * se^2)))
  arm_b <- std(sapply(per, `[[`, "rmst_b"), sapply(per, `[[`, "se_b"))
  arm_a <- std(sapply(per, `[[`, "rmst_a"), sapply(per, `[[`, "se_a"))
  log_ratio <- log(arm_b[1] / arm_a[1])
  log_ratio_se <- sqrt((arm_b[2] / arm_b[1])^2 + (arm_a[2] / arm_a[1])^2)
  list(
    name = name, tau = tau,
    input = list(time = I(d$time), event = I(d$event), arm = I(d$arm), study = I(d$study)),
    studies = per,
    pooled = list(estimate = pooled$beta[[1]], se = pooled$se, tau2 = pooled$tau2),
    one_stage = list(
      diff = sum(w * diffs), se = sqrt(sum(w^2 * ses^2)),
      rmst_b = arm_b[1], se_b = arm_b[2], rmst_a = arm_a[1], se_a = arm_a[2],
      ratio = exp(log_ratio), ratio_lower = exp(log_ratio - qnorm(0.975) * log_ratio_se),
      ratio_upper = exp(log_ratio + qnorm(0.975) * log_ratio_se)
    )
  )
})

out <- list(
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  metafor_version = as.character(packageVersion("metafor")),
  stratified = stratified,
  clustered = clustered,
  rmst = rmst
)
writeLines(to_json(out), out_file)
cat("wrote", out_file, "\n")
