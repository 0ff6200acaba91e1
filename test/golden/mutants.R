# Golden values for test/survival/mutants.test.ts and test/meta/mutants.test.ts: the cases that
# kill mutants the other goldens let survive (see docs/mutation.md), computed with R's survival
# and metafor packages.
#
# Usage, from the repository root:
#   Rscript test/golden/mutants.R
# Writes test/golden/mutants.json next to this script (or into $KMPOOL_GOLDEN_OUT if set, as
# `npm run golden:check` does). Numbers are written with sprintf("%.17g"); NA/NaN/Inf as null.

suppressPackageStartupMessages({
  library(survival)
  library(metafor)
})
invisible(Sys.setlocale("LC_COLLATE", "C"))

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "mutants.json")
source(file.path(script_dir, "json.R"))

# ---- survival: timefix (aeqSurv) ---------------------------------------------------------------
# Each case: the times and events given to survfit(Surv(time, status) ~ 1), and the event times
# and counts survfit keeps after aeqSurv has merged near-equal times.
km_case <- function(time, status) {
  fit <- survfit(Surv(time, status) ~ 1)
  list(time = I(time), status = I(status), fit_time = I(fit$time), n_event = I(fit$n.event),
       surv = I(fit$surv))
}
tol <- sqrt(.Machine$double.eps) # 2^-26
timefix <- list(
  # 1e-9 apart near 0: within the absolute tolerance, far outside the relative one.
  absolute_only = km_case(c(1e-9, 2e-9, 1), c(1, 1, 0)),
  # exactly the absolute tolerance apart: merged (dy <= tolerance).
  absolute_boundary = km_case(c(0, tol, 1), c(1, 1, 1)),
  # 1 apart near 1e9: outside the absolute tolerance, within the relative one.
  relative_only = km_case(c(1e9, 1e9 + 1, 2e9), c(1, 1, 0)),
  # 16 apart with mean |distinct time| exactly 2^30: dy / mean = 2^-26, the tolerance itself.
  relative_boundary = km_case(c(2^30 - 8, 2^30 + 8), c(1, 1)),
  # The mean is over distinct times: counting the repeated 1 would make it smaller than 2^30 and
  # leave 2^30 - 8 and 2^30 + 8 apart.
  mean_of_distinct = km_case(c(1, 1, 2^30 - 8, 2^30 + 8, 2^31), c(1, 0, 1, 1, 1))
)

# ---- survival: log-rank with more than two groups -----------------------------------------------
# survdiff solves a (groups - 1) x (groups - 1) system; with two groups it is 1 x 1 and the
# elimination never runs. Ties, censoring and unequal group sizes make the system dense.
lr_case <- function(time, status, group) {
  fit <- survdiff(Surv(time, status) ~ group)
  list(time = I(time), status = I(status), group = I(group),
       observed = I(as.numeric(fit$obs)), expected = I(as.numeric(fit$exp)),
       chisq = fit$chisq, df = sum(fit$exp > 0) - 1,
       p = pchisq(fit$chisq, sum(fit$exp > 0) - 1, lower.tail = FALSE))
}
logrank <- list(
  three = lr_case(
    c(1, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
    c(1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1),
    c("a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "c", "c", "b", "c", "a", "c", "b")),
  four = lr_case(
    c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4),
    c(1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0),
    c("w", "x", "y", "z", "w", "x", "y", "z", "z", "z", "w", "y", "x", "w", "y", "z", "x", "y", "w", "x"))
)

# ---- survival: quantiles within the tolerance of a step -------------------------------------------
# quantile.survfit reads the curve with a tolerance of sqrt(.Machine$double.eps) = 2^-26; these
# probabilities sit on or just inside that tolerance. One probability per call, as kmpool does.
q_case <- function(time, status, probs) {
  fit <- survfit(Surv(time, status) ~ 1)
  rows <- lapply(probs, function(p) {
    q <- quantile(fit, probs = p, conf.int = TRUE)
    list(p = p, quantile = unname(q$quantile), lower = unname(q$lower), upper = unname(q$upper))
  })
  list(time = I(time), status = I(status), rows = rows)
}
quantiles <- list(
  # S = 0.75, 0.5, 0.25, 0 at t = 1..4
  to_zero = q_case(1:4, c(1, 1, 1, 1), c(2^-27, 2^-26, 0.5 - 2^-26, 0.5 + 2^-26, 1 - 2^-26)),
  # S = 0.75, 0.5, 0.25, 0.25: the curve ends at 0.25 (1 - S = 0.75) after a censoring
  ends_at_quarter = q_case(1:4, c(1, 1, 1, 0), c(0.75 - 2^-26, 0.75 + 2^-27)),
  # nobody has the event
  flat = q_case(1:3, c(0, 0, 0), c(0, 0.5))
)

# ---- meta: Paule-Mandel with a wide spread of estimates ------------------------------------------
# rma.uni searches the PM root on [0, max(100, 10 * mad(yi)^2)]; with |yi| in the tens the upper
# end is set by mad(), and the root lies beyond 100. Odd and even k (mad's median differs).
pm_case <- function(yi, vi) {
  fit <- rma(yi = yi, vi = vi, method = "PM")
  list(yi = I(yi), vi = I(vi), tau2 = fit$tau2, se_tau2 = fit$se.tau2, estimate = as.numeric(fit$beta),
       se = fit$se, tau2_max = max(100, 10 * mad(yi)^2))
}
pm <- list(
  odd = pm_case(c(-20, -5, 0, 7, 30), c(0.5, 0.8, 0.3, 1.2, 0.9)),
  even = pm_case(c(-25, -12, -3, 4, 15, 40), c(0.4, 0.7, 1.1, 0.6, 0.9, 0.5)),
  # even k, root 113.7 just above 100: the search limit (886) needs R's even-k median, the mean of
  # the two middle values; any other middle value gives a limit of 100 and no root.
  even_root_near_100 = pm_case(c(-2.8, 17.6, 5.6, -4.5, -8.3, -11.7),
                               c(0.39, 0.51, 0.28, 1.03, 1.34, 1.21))
)

out <- list(
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  timefix = timefix,
  logrank = logrank,
  quantiles = quantiles,
  metafor_version = as.character(packageVersion("metafor")),
  pm = pm
)
writeLines(to_json(out), out_file)
