# Golden values for medians from summaries (src/shared/meta/qeMedianVariance.ts) and for pooling
# medians, from the R packages of McGrath et al.: estmeansd 1.0.1 (qe.fit) and metamedian 1.2.2
# (qe, pool.med, metamedian).
#   - QE: the variance of a median from min/median/max (S1), q1/median/q3 (S2) or all five (S3)
#     with n: metamedian::qe(..., pool_studies = FALSE) (one group), with the family that
#     estmeansd::qe.fit(..., two.sample.default = TRUE) selects; on sample quantiles of normal,
#     log-normal, gamma and Weibull samples of 15, 60 and 300, and on typical survival medians.
#   - Pooling: metamedian::metamedian(median_method = "qe") (metafor's rma.uni, REML), "mm"
#     (median of medians) and "wm" (median of medians weighted by n), normal approximation.
#   - Luo et al.'s mean and Wan et al.'s SD for each case (metaBLUE 1.0.0, which estmeansd uses).
#
# Usage, from the repository root (estmeansd, metamedian and their Imports installed):
#   Rscript test/golden/qe.R
# Writes test/golden/qe.json (or into $KMPOOL_GOLDEN_OUT); the tests read only the JSON.

suppressPackageStartupMessages({
  library(estmeansd)
  library(metamedian)
  library(metaBLUE)
})

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
source(file.path(script_dir, "json.R"))
source(file.path(script_dir, "quantileCases.R"))

cases <- quantile_cases(2020)

or_missing <- function(x) if (is.na(x)) NULL else x
qe_case <- function(cs) {
  args <- list(med.g1 = cs$median, n.g1 = cs$n)
  if (!is.na(cs$min)) args$min.g1 <- cs$min
  if (!is.na(cs$q1)) args$q1.g1 <- cs$q1
  if (!is.na(cs$q3)) args$q3.g1 <- cs$q3
  if (!is.na(cs$max)) args$max.g1 <- cs$max
  r <- do.call(metamedian::qe, c(args, list(pool_studies = FALSE)))
  fit_args <- list(med.val = cs$median, n = cs$n, two.sample.default = TRUE)
  if (!is.na(cs$min)) fit_args$min.val <- cs$min
  if (!is.na(cs$q1)) fit_args$q1.val <- cs$q1
  if (!is.na(cs$q3)) fit_args$q3.val <- cs$q3
  if (!is.na(cs$max)) fit_args$max.val <- cs$max
  fit <- suppressMessages(do.call(estmeansd::qe.fit, fit_args))
  v <- fit$values[c("normal", "log-normal", "gamma", "weibull")]
  quants <- switch(cs$scenario, S1 = c(cs$min, cs$median, cs$max),
                   S2 = c(cs$q1, cs$median, cs$q3),
                   S3 = c(cs$min, cs$q1, cs$median, cs$q3, cs$max))
  c(cs, list(yi = r$yi, sei = r$sei, family = names(which.min(v)),
             values = as.list(setNames(ifelse(is.na(v), NA, v), names(v))),
             luo_mean = metaBLUE::Luo.mean(quants, cs$n, cs$scenario)$muhat,
             wan_sd = metaBLUE::Wan.std(quants, cs$n, cs$scenario)$sigmahat))
}
qe_out <- lapply(cases, qe_case)

# Pooling medians: six of the cases above as one review.
pool_idx <- c(2, 5, 11, 14, 20, length(cases) - 1)
pd <- do.call(rbind, lapply(cases[pool_idx], function(cs)
  data.frame(min.g1 = cs$min, q1.g1 = cs$q1, med.g1 = cs$median, q3.g1 = cs$q3,
             max.g1 = cs$max, n.g1 = cs$n)))
qe_pool <- metamedian::metamedian(pd, median_method = "qe")
mm <- metamedian::metamedian(pd, median_method = "mm")
wm <- metamedian::metamedian(pd, median_method = "wm")
pooling <- list(
  cases = I(pool_idx - 1),
  qe = list(estimate = as.numeric(qe_pool$beta), se = qe_pool$se, ci_lower = qe_pool$ci.lb,
            ci_upper = qe_pool$ci.ub, tau2 = qe_pool$tau2, I2 = qe_pool$I2),
  mm = list(estimate = mm$pooled.est, ci_lower = mm$ci.lb, ci_upper = mm$ci.ub),
  wm = list(estimate = wm$pooled.est, ci_lower = wm$ci.lb, ci_upper = wm$ci.ub)
)

out <- Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir)
writeLines(to_json(list(
  versions = list(estmeansd = as.character(packageVersion("estmeansd")),
                  metamedian = as.character(packageVersion("metamedian")),
                  metaBLUE = as.character(packageVersion("metaBLUE"))),
  qe = qe_out, pooling = pooling)), file.path(out, "qe.json"))
