# Golden values for src/shared/survival, computed with R's survival package.
#
# Usage, from the repository root (the repository sits next to `shared/`):
#   Rscript test/golden/survival.R [path/to/shared/cases]
# Writes test/golden/survival.json next to this script (or into $KMPOOL_GOLDEN_OUT if set, as
# `npm run golden:check` does). The tests read only that JSON, never R.
#
# Every number is written with sprintf("%.17g") so that it round-trips to the same double in
# JavaScript; R's NA, NaN and Inf are written as null. Each data set carries its own input data,
# so the tests do not need ../shared either.

suppressPackageStartupMessages(library(survival))
invisible(Sys.setlocale("LC_COLLATE", "C")) # arm order must not depend on the machine's locale

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
args <- commandArgs(trailingOnly = TRUE)
cases_dir <- if (length(args) >= 1) args[1] else file.path(script_dir, "..", "..", "..", "shared", "cases")
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "survival.json")

source(file.path(script_dir, "json.R"))

# ---- the data sets ---------------------------------------------------------------------------

datasets <- list()
for (case in sort(list.files(cases_dir))) {
  f <- file.path(cases_dir, case, "truth_ipd.csv")
  if (!file.exists(f)) next
  d <- read.csv(f, stringsAsFactors = FALSE)
  datasets[[case]] <- list(
    data = data.frame(time = d$time, status = d$status, arm = d$arm, stringsAsFactors = FALSE),
    times = c(0, 6, 12, 24, 36, 48, 60, max(d$time) + 12),
    taus = c(6, 12, 24, 36, min(tapply(d$time, d$arm, max)), max(d$time) + 12)
  )
}

edge <- function(a_time, a_status, b_time = NULL, b_status = NULL) {
  data.frame(
    time = c(a_time, b_time),
    status = c(a_status, b_status),
    arm = c(rep("A", length(a_time)), rep("B", length(b_time))),
    stringsAsFactors = FALSE
  )
}
edge_times <- c(0, 1, 2, 2.5, 3, 4, 5, 7, 100)
edge_taus <- c(0.5, 2, 4.5, 100)
add_edge <- function(name, data) {
  datasets[[name]] <<- list(data = data, times = edge_times, taus = edge_taus)
}

# Nobody has the event: S stays 1, no median, log-rank and Cox have nothing to test.
add_edge("no_events", edge(c(1, 2, 3, 4, 5), rep(0, 5), c(2, 4, 6), rep(0, 3)))
# Nobody is censored: both curves reach 0 (R's Greenwood variance is infinite at the last time).
add_edge("all_events", edge(1:6, rep(1, 6), c(2, 3, 5, 7, 9, 11), rep(1, 6)))
# Every time tied: a single KM step.
add_edge("all_tied", edge(rep(5, 4), c(1, 1, 0, 1), rep(5, 5), c(1, 0, 0, 1, 1)))
# One patient per arm.
add_edge("one_patient", edge(3, 1, 5, 0))
# Censorings at event times (censored patients count as at risk at that time).
add_edge("censor_at_event", edge(
  c(1, 2, 2, 2, 3, 3, 4, 5, 5, 6), c(1, 1, 0, 1, 0, 1, 1, 0, 1, 0),
  c(1, 1, 2, 3, 3, 3, 4, 6, 6, 8), c(0, 1, 0, 1, 1, 0, 0, 1, 0, 1)
))
# A curve that never reaches 0.5.
add_edge("never_half", edge(
  c(1, 2, 3, 4:20), c(1, 1, 1, rep(0, 17)),
  c(0.5, 1.5, 2.5, 3.5, 6, 6, 8), c(0, 1, 0, 1, 0, 0, 0)
))
# S sits exactly on 0.25 / 0.5 / 0.75 over flat stretches (quantile.survfit's midpoint rule).
add_edge("flat_quantiles", edge(
  c(1, 2, 3, 4, 5, 8, 9, 10, 11, 12), c(1, 1, 1, 1, 1, 1, 0, 0, 0, 0),
  c(1, 2, 3, 4), c(1, 1, 1, 1)
))
# The curve ends on a flat stretch at exactly 0.5: the median is the midpoint to the last time.
add_edge("ends_at_half", edge(c(1, 2, 3, 4), c(1, 1, 0, 0), c(2, 5), c(1, 0)))
# Times that differ by less than sqrt(.Machine$double.eps): aeqSurv (timefix) merges them.
add_edge("near_ties", edge(
  c(1, 1 + 1e-10, 2, 2 - 1e-12, 3, 4), c(1, 1, 0, 1, 1, 0),
  c(1.5, 2 + 1e-11, 3, 3 * (1 + 1e-9), 5), c(1, 1, 0, 1, 1)
))
# Events and censorings at time 0.
add_edge("time_zero", edge(c(0, 0, 1, 2, 3, 4), c(1, 0, 1, 0, 1, 0), c(0, 2, 3, 5), c(0, 1, 1, 0)))

# A larger data set with many ties, as a reconstruction from a dense figure produces.
set.seed(20240611)
sim_arm <- function(n, rate) {
  t <- round(rexp(n, rate), 1)
  cens <- round(runif(n, 0, 60), 1)
  list(time = pmin(t, cens), status = as.integer(t <= cens))
}
sa <- sim_arm(1500, 1 / 30)
sb <- sim_arm(1500, 1 / 22)
datasets[["simulated"]] <- list(
  data = edge(sa$time, sa$status, sb$time, sb$status),
  times = c(0, 6, 12, 24, 36, 48, 60, 80),
  taus = c(12, 24, 36, 60, 80)
)

# ---- the statistics ----------------------------------------------------------------------------

conf_types <- c("log", "log-log", "plain")
probs <- c(0, 0.1, 0.25, 0.5, 0.75, 0.9, 1)

arm_results <- function(sub, times, taus) {
  fits <- lapply(conf_types, function(ct) survfit(Surv(time, status) ~ 1, data = sub, conf.type = ct))
  names(fits) <- conf_types
  fit <- fits[["log"]]
  table <- list(
    time = I(fit$time), n_risk = I(fit$n.risk), n_event = I(fit$n.event),
    n_censor = I(fit$n.censor), surv = I(fit$surv), std_err = I(fit$std.err)
  )
  ci <- list()
  at <- list()
  quant <- list()
  for (ct in conf_types) {
    f <- fits[[ct]]
    ci[[ct]] <- list(lower = I(f$lower), upper = I(f$upper))
    # summary(fit, times=, extend=TRUE): std.err there is the SE of S (std.err * surv)
    s <- summary(f, times = times, extend = TRUE)
    at[[ct]] <- list(
      time = I(s$time), n_risk = I(s$n.risk), n_event = I(s$n.event), n_censor = I(s$n.censor),
      surv = I(s$surv), std_err = I(s$std.err), lower = I(s$lower), upper = I(s$upper)
    )
    # quantile.survfit, one probability per call
    q <- lapply(probs, function(p) quantile(f, probs = p))
    quant[[ct]] <- list(
      probs = I(probs),
      quantile = I(vapply(q, function(z) unname(z$quantile), 0)),
      lower = I(vapply(q, function(z) unname(z$lower), 0)),
      upper = I(vapply(q, function(z) unname(z$upper), 0))
    )
  }
  # survival:::survmean is what print(fit, rmean = tau) prints
  rm <- lapply(taus, function(tau) survival:::survmean(fit, rmean = tau)$matrix)
  list(
    n = fit$n, events = sum(fit$n.event), table = table, ci = ci, at = at, quantiles = quant,
    rmean = list(
      tau = I(taus),
      rmean = I(vapply(rm, function(m) unname(m["rmean"]), 0)),
      se = I(vapply(rm, function(m) unname(m["se(rmean)"]), 0))
    )
  )
}

capture <- function(expr) {
  warnings <- character(0)
  value <- withCallingHandlers(
    tryCatch(expr, error = function(e) list(error = conditionMessage(e))),
    warning = function(w) {
      warnings <<- c(warnings, conditionMessage(w))
      invokeRestart("muffleWarning")
    }
  )
  c(value, list(warnings = I(warnings)))
}

two_arm_results <- function(d, arms) {
  d$arm <- factor(d$arm, levels = arms)
  logrank <- capture({
    sd <- survdiff(Surv(time, status) ~ arm, data = d)
    etmp <- sd$exp
    list(
      groups = I(arms), n = I(as.vector(sd$n)), observed = I(sd$obs), expected = I(sd$exp),
      variance = lapply(seq_along(arms), function(i) I(sd$var[i, ])),
      chisq = sd$chisq, df = sum(etmp > 0) - 1, p = sd$pvalue
    )
  })
  cox <- capture({
    fit <- coxph(Surv(time, status) ~ arm, data = d, ties = "efron")
    s <- summary(fit)
    list(
      ref = arms[1], beta = unname(coef(fit)), se = unname(sqrt(diag(fit$var))),
      hr = unname(s$conf.int[1, 1]), lower = unname(s$conf.int[1, 3]),
      upper = unname(s$conf.int[1, 4]), wald_chisq = unname(fit$wald.test),
      p_wald = unname(s$coefficients[1, 5]), lr_chisq = unname(s$logtest["test"]),
      p_lr = unname(s$logtest["pvalue"]), score_chisq = unname(s$sctest["test"]),
      p_score = unname(s$sctest["pvalue"]), loglik = I(fit$loglik), iterations = fit$iter
    )
  })
  list(logrank = logrank, cox = cox)
}

# The distribution functions the statistics rely on.
normal_x <- c(-40, -38, -10, -5.7, -5, -2, -0.6744, -0.3, 0, 1e-17, 0.3, 0.6745, 1.96, 3, 5.65, 8.3, 20, 37)
quantile_p <- c(1e-300, 1e-20, 1e-10, 0.001, 0.025, 0.07, 0.3, 0.5, 0.8, 0.925, 0.975, 0.9999999)
chisq_x <- c(0, 1e-8, 0.5, 3.841458820694124, 10, 50, 200, 1400)
chisq_df <- 1:6
distributions <- list(
  pnorm_upper = list(x = I(normal_x), p = I(pnorm(normal_x, lower.tail = FALSE))),
  qnorm = list(p = I(quantile_p), q = I(qnorm(quantile_p))),
  pchisq_upper = lapply(chisq_df, function(df) {
    list(df = df, x = I(chisq_x), p = I(pchisq(chisq_x, df, lower.tail = FALSE)))
  })
)

out <- list(
  generated_by = "test/golden/survival.R",
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  distributions = distributions,
  datasets = list()
)
for (name in names(datasets)) {
  ds <- datasets[[name]]
  d <- ds$data
  arms <- sort(unique(d$arm))
  per_arm <- lapply(arms, function(a) arm_results(d[d$arm == a, ], ds$times, ds$taus))
  names(per_arm) <- arms
  out$datasets[[name]] <- list(
    input = list(time = I(d$time), status = I(d$status), arm = I(d$arm)),
    times = I(ds$times),
    arms = per_arm,
    two_arm = if (length(arms) == 2) two_arm_results(d, arms) else NULL
  )
}

writeLines(to_json(out), out_file)
cat("wrote", out_file, "\n")
