# Golden values for test/meta/mutantsSurvivalAt.test.ts, mutantsSubgroups.test.ts and
# mutantsMedianOfMedians.test.ts: cases that kill mutants of src/shared/meta (survival at a time,
# subgroups, leave-one-out, Egger's test, the funnel, the median of medians) that the other
# goldens let survive (see docs/mutation.md), computed with survival, metafor and metamedian.
#
# Usage, from the repository root:
#   Rscript test/golden/metaMutantsSurv.R
# Writes test/golden/metaMutantsSurv.json next to this script (or into $KMPOOL_GOLDEN_OUT if set,
# as `npm run golden:check` does). Numbers are written with sprintf("%.17g"); NA/NaN/Inf as null.

suppressPackageStartupMessages({
  library(metafor)
  library(survival)
})

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "metaMutantsSurv.json")
source(file.path(script_dir, "json.R"))

# ---- continuity correction of S = 0 or 1 = metafor's PLO with add = 1/2, to = "only0" ----------
# x survivors of m: S = 0 with 5, 2 and 3 patients, S = 1 with 11 and 20. On the logit scale
# kmpool's corrected S and its empirical-logit variance are exactly escalc's yi and vi.
plo_x <- c(0, 11, 0, 0, 20)
plo_m <- c(5, 11, 2, 3, 20)
plo <- escalc(measure = "PLO", xi = plo_x, ni = plo_m)
plo_out <- list(x = I(plo_x), m = I(plo_m), yi = I(c(plo$yi)), vi = I(plo$vi))

# ---- survfit intervals at 90% on each scale: the published-CI source gives back Var S ---------
aml_times <- c(9, 13, 18, 23, 31)
aml_90 <- lapply(c("plain", "log", "log-log", "logit", "arcsin"), function(ct) {
  f <- survfit(Surv(time, status) ~ 1, data = aml, conf.type = ct, conf.int = 0.9)
  s <- summary(f, times = aml_times)
  list(conf_type = ct, time = I(s$time), surv = I(s$surv), std_err = I(s$std.err),
    lower = I(s$lower), upper = I(s$upper))
})

# ---- dat.bcg on the log risk ratio --------------------------------------------------------------
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bcg_yi <- c(bcg$yi)
bcg_vi <- bcg$vi
random <- dat.bcg$alloc == "random"

# Two subgroups (random allocation or not), REML and z: separate fits, FE model on the estimates.
two_groups <- lapply(list(random = random, other = !random), function(sel) {
  f <- rma(bcg_yi[sel], bcg_vi[sel])
  list(k = f$k, estimate = c(f$beta), se = f$se)
})
between2 <- rma(yi = c(two_groups$random$estimate, two_groups$other$estimate),
  sei = c(two_groups$random$se, two_groups$other$se), method = "FE")
subgroups_two <- list(groups = two_groups, Q_between = between2$QE, Q_between_p = between2$QEp)

# A third subgroup of three identical estimates under HKSJ has SE 0 (metafor: s2w = 0), so it has
# no usable estimate for the test; the test is then the FE model over the other two (DL, knha).
same <- rma(c(0.3, 0.3, 0.3), c(0.01, 0.02, 0.03), method = "DL", test = "knha")
two_knha <- lapply(list(random = random, other = !random), function(sel) {
  f <- rma(bcg_yi[sel], bcg_vi[sel], method = "DL", test = "knha")
  list(estimate = c(f$beta), se = f$se)
})
between_knha <- rma(yi = c(two_knha$random$estimate, two_knha$other$estimate),
  sei = c(two_knha$random$se, two_knha$other$se), method = "FE")
subgroups_zero_se <- list(same_se = same$se, same_estimate = c(same$beta),
  Q_between = between_knha$QE, Q_between_p = between_knha$QEp)

# Leave-one-out with k = 2 (each fit is one study) and at a 90% level.
l1o_two <- leave1out(rma(bcg_yi[1:2], bcg_vi[1:2]))
l1o_90 <- leave1out(rma(bcg_yi, bcg_vi, method = "DL", level = 90))
leave1out_out <- list(
  two = list(estimate = I(l1o_two$estimate), se = I(l1o_two$se), ci_lower = I(l1o_two$ci.lb),
    ci_upper = I(l1o_two$ci.ub), Q = I(l1o_two$Q), tau2 = I(l1o_two$tau2)),
  level90 = list(estimate = I(l1o_90$estimate), ci_lower = I(l1o_90$ci.lb),
    ci_upper = I(l1o_90$ci.ub))
)

# Egger's test with rma's defaults (REML, z), and at a 90% level (DL, knha).
rt_default <- regtest(rma(bcg_yi, bcg_vi), ret.fit = TRUE)
rt_90 <- regtest(rma(bcg_yi, bcg_vi, method = "DL", test = "knha", level = 90), ret.fit = TRUE)
rt_out <- function(rt) list(statistic = rt$zval, pval = rt$pval, df = rt$dfs,
  limit_estimate = rt$est, limit_ci_lower = rt$ci.lb, limit_ci_upper = rt$ci.ub,
  tau2 = rt$fit$tau2, slope = rt$fit$beta[2], slope_se = rt$fit$se[2])
# Paule–Mandel without a root below tau2.max: metafor stops (the message is recorded).
pm_yi <- c(0, 0, 0, 1000, -1000)
pm_vi <- c(0.01, 0.02, 0.03, 0.04, 0.05)
pm_error <- tryCatch({
  rma(pm_yi, pm_vi, mods = ~ sqrt(pm_vi), method = "PM", test = "knha")
  "no error"
}, error = function(e) conditionMessage(e))
egger_out <- list(default = rt_out(rt_default), level90 = rt_out(rt_90),
  pm = list(yi = I(pm_yi), vi = I(pm_vi), error = pm_error))

# ---- median of medians = metamedian's pool.med (quantile / Hmisc::wtd.quantile) -------------
# Unsorted values; odd and even k, a 90% level, weights as frequencies, one study, and weights
# that sum to less than 1 (wtd.quantile's approx(rule = 2) then takes the largest value).
pool_med <- function(name, yi, wi = NULL, coverage = 0.95) {
  r <- if (is.null(wi)) metamedian:::pool.med(yi, coverage.prob = coverage)
    else metamedian:::pool.med(yi, wi, coverage.prob = coverage)
  list(name = name, yi = I(yi), wi = if (is.null(wi)) NULL else I(wi), level = coverage,
    estimate = r$pooled.est, lower = r$ci.lb, upper = r$ci.ub)
}
mm_yi <- c(14.2, 9.5, 22.1, 11.8, 17.3, 8.4, 30.6)
median_of_medians <- list(
  pool_med("odd k, unweighted", mm_yi),
  pool_med("even k, unweighted, 90%", mm_yi[1:6], coverage = 0.9),
  pool_med("weighted", mm_yi, c(40, 120, 35, 60, 80, 25, 50)),
  pool_med("weighted, even k, 90%", mm_yi[1:6], c(3, 1, 4, 1, 5, 9), coverage = 0.9),
  pool_med("one study", 12.5),
  pool_med("weights summing to less than 1", c(3, 1, 2), c(0.2, 0.1, 0.15))
)

out <- list(
  plo = plo_out,
  median_of_medians = median_of_medians,
  aml_90 = aml_90,
  bcg = list(yi = I(bcg_yi), vi = I(bcg_vi), random = I(random)),
  subgroups_two = subgroups_two,
  subgroups_zero_se = subgroups_zero_se,
  leave1out = leave1out_out,
  egger = egger_out,
  qnorm_95 = qnorm(0.95)
)
writeLines(to_json(out), out_file)
