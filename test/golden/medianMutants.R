# Golden values for the edges of the median conversions (src/shared/meta/medianFromRange.ts,
# qeMedianVariance.ts, boxCoxMeanSd.ts, mlnMeanSd.ts, brentMinimize.ts), written for the mutants
# that the main goldens (qe.R, boxcox.R, meta.R) let survive; read by
# test/meta/mutantsMedians.test.ts, mutantsBoxCox.test.ts.
#   - range: Hozo et al. (2005) at the n where their rules change (15/16, 25/26, 70/71), as
#     meta.R writes their formulas, with Wan's SD and Luo's mean from metaBLUE 1.0.0;
#   - quartiles: metaBLUE's Luo.mean and Wan.std for q1/median/q3 (S2) and all five (S3) at
#     n = 2, 3, 10, 1000, and Wan et al.'s (2014) means as their paper writes them;
#   - qe: metamedian::qe (one group) and estmeansd::qe.fit (two.sample.default = TRUE) where a
#     reported quantile is negative (only the normal family is fitted) or 0 (no log-normal);
#   - boxcox: estmeansd::bc.mean.sd(avoid.mc = TRUE) and mln.mean.sd where the Box-Cox power is
#     0 (log-symmetric quantiles), negative (raised to 0), or near its bounds;
#   - optimize: R's optimize()$minimum on functions with ties, kinks, non-finite values and
#     minima at either end.
#
# Usage, from the repository root (estmeansd, metamedian, metaBLUE and their Imports installed):
#   Rscript test/golden/medianMutants.R
# Writes test/golden/medianMutants.json (or into $KMPOOL_GOLDEN_OUT); the tests read only the JSON.

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

# ---- range (S1): Hozo's rules at their boundaries -------------------------------------------
range_cases <- lapply(c(2, 3, 15, 16, 25, 26, 70, 71), function(n) {
  lo <- 3; m <- 14; hi <- 40
  hozo_var <- if (n <= 15) {
    ((lo - 2 * m + hi)^2 / 4 + (hi - lo)^2) / 12
  } else if (n <= 70) {
    ((hi - lo) / 4)^2
  } else {
    ((hi - lo) / 6)^2
  }
  list(min = lo, median = m, max = hi, n = n,
       hozo_mean = if (n <= 25) (lo + 2 * m + hi) / 4 else m, hozo_sd = sqrt(hozo_var),
       wan_mean = (lo + 2 * m + hi) / 4,
       wan_sd = Wan.std(c(lo, m, hi), n, "S1")$sigmahat,
       luo_mean = Luo.mean(c(lo, m, hi), n, "S1")$muhat)
})

# ---- quartiles (S2) and all five (S3) ---------------------------------------------------------
quartile_cases <- list()
for (n in c(2, 3, 10, 1000)) {
  a <- 1; q1 <- 4; m <- 7; q3 <- 15; b <- 33
  quartile_cases[[length(quartile_cases) + 1]] <- list(
    scenario = "S2", n = n, min = NULL, q1 = q1, median = m, q3 = q3, max = NULL,
    wan_mean = (q1 + m + q3) / 3,
    wan_sd = Wan.std(c(q1, m, q3), n, "S2")$sigmahat,
    luo_mean = Luo.mean(c(q1, m, q3), n, "S2")$muhat)
  quartile_cases[[length(quartile_cases) + 1]] <- list(
    scenario = "S3", n = n, min = a, q1 = q1, median = m, q3 = q3, max = b,
    wan_mean = (a + 2 * q1 + 2 * m + 2 * q3 + b) / 8,
    wan_sd = Wan.std(c(a, q1, m, q3, b), n, "S3")$sigmahat,
    luo_mean = Luo.mean(c(a, q1, m, q3, b), n, "S3")$muhat)
}

# ---- QE with a negative or zero quantile -------------------------------------------------------
qe_inputs <- list(
  list(label = "negative min S1", median = 10, min = -5, max = 40, n = 30),
  list(label = "zero min S1", median = 10, min = 0, max = 40, n = 30),
  list(label = "zero q1 S2", median = 5, q1 = 0, q3 = 12, n = 50),
  list(label = "negative q1 S3", median = 3, min = -10, q1 = -2, q3 = 9, max = 20, n = 100),
  list(label = "zero min S3", median = 6, min = 0, q1 = 2, q3 = 11, max = 30, n = 80)
)
qe_out <- lapply(qe_inputs, function(cs) {
  args <- list(med.g1 = cs$median, n.g1 = cs$n)
  fit_args <- list(med.val = cs$median, n = cs$n, two.sample.default = TRUE)
  for (f in c("min", "q1", "q3", "max")) if (!is.null(cs[[f]])) {
    args[[paste0(f, ".g1")]] <- cs[[f]]
    fit_args[[paste0(f, ".val")]] <- cs[[f]]
  }
  r <- do.call(metamedian::qe, c(args, list(pool_studies = FALSE)))
  fit <- suppressWarnings(suppressMessages(do.call(estmeansd::qe.fit, fit_args)))
  v <- fit$values[c("normal", "log-normal", "gamma", "weibull")]
  for (f in c("min", "q1", "q3", "max")) if (is.null(cs[[f]])) cs[[f]] <- NA
  c(cs, list(sei = r$sei, family = names(which.min(v)),
             values = as.list(setNames(ifelse(is.na(v), NA, v), names(v)))))
})

# ---- BC and MLN where the Box-Cox power is at or beyond its edges ------------------------------
exact_moments <- function(location, scale, shape) {
  if (shape == 0) {
    return(list(mean = exp(location + scale^2 / 2),
                sd = sqrt((exp(scale^2) - 1) * exp(2 * location + scale^2))))
  }
  lower <- min(-1 / shape, 2 * location + 1 / shape)
  upper <- max(-1 / shape, 2 * location + 1 / shape)
  normalizer <- 1 / (pnorm(upper, location, scale) - pnorm(lower, location, scale))
  inv <- function(x) pmax(shape * x + 1, 0)^(1 / shape)
  a <- max(lower, location - 30 * scale)
  b <- min(upper, location + 30 * scale + 4 * scale^2)
  m <- integrate(function(x) normalizer * dnorm(x, location, scale) * inv(x), a, b,
                 rel.tol = 1e-10)$value
  v <- integrate(function(x) normalizer * dnorm(x, location, scale) * (inv(x) - m)^2, a, b,
                 rel.tol = 1e-10)$value
  list(mean = m, sd = sqrt(v))
}
bc_inputs <- list(
  list(label = "log-symmetric S1", median = 10, min = 2, max = 50, n = 40),
  list(label = "log-symmetric S2", median = 8, q1 = 4, q3 = 16, n = 60),
  list(label = "log-symmetric S3", median = 10, min = 1, q1 = 5, q3 = 20, max = 100, n = 90),
  list(label = "beyond log S2", median = 2, q1 = 1, q3 = 10, n = 60),
  list(label = "left-skewed S1", median = 45, min = 10, max = 50, n = 30),
  list(label = "nearly log S3", median = 10, min = 2, q1 = 5, q3 = 20.5, max = 52, n = 50),
  list(label = "n 3 S1", median = 5, min = 1, max = 12, n = 3)
)
bc_out <- lapply(bc_inputs, function(cs) {
  for (f in c("min", "q1", "q3", "max")) if (is.null(cs[[f]])) cs[[f]] <- NA
  args <- list(min.val = cs$min, q1.val = cs$q1, med.val = cs$median, q3.val = cs$q3,
               max.val = cs$max, n = cs$n)
  bc <- suppressWarnings(do.call(bc.mean.sd, c(args, list(avoid.mc = TRUE))))
  set.seed(1)
  mln <- suppressWarnings(do.call(mln.mean.sd, args))
  c(cs, list(
    bc = list(mean = bc$est.mean, sd = bc$est.sd, location = bc$location, scale = bc$scale,
              shape = bc$shape),
    mln = list(location = mln$location, scale = mln$scale, shape = mln$shape),
    mln_exact = exact_moments(mln$location, mln$scale, mln$shape)))
})

# ---- optimize() -----------------------------------------------------------------------------------
# Each function is written the same way in the test (by name).
fns <- list(
  kink = list(f = function(x) abs(x - 0.3), lower = 0, upper = 1),
  increasing = list(f = function(x) x, lower = 0, upper = 1),
  decreasing = list(f = function(x) -x, lower = 0, upper = 1),
  constant = list(f = function(x) 1, lower = -1, upper = 1),
  steps = list(f = function(x) floor(abs(x - 0.4) * 10), lower = 0, upper = 1),
  wall = list(f = function(x) if (x < 1) Inf else (x - 2)^2, lower = 0, upper = 5),
  nan_left = list(f = function(x) if (x < 0.5) NaN else (x - 0.6)^2, lower = 0, upper = 1),
  quartic = list(f = function(x) x^4 - 3 * x^2 + x, lower = -3, upper = 3),
  plateau = list(f = function(x) min(1, 100 * (x - 0.7)^2), lower = 0, upper = 1),
  cubic_edge = list(f = function(x) (x - 0.999)^2 * (x + 3), lower = 0, upper = 1),
  tight = list(f = function(x) (x - 1 / 3)^2, lower = 0, upper = 1, tol = 1e-10),
  wide = list(f = function(x) (x - 123.4)^2 + 5, lower = -1000, upper = 1000),
  # A cubic where a parabolic step would land beyond the upper end (found by a random search).
  cubic_beyond = list(f = function(x) ((-7.23 * x - 5.36) * x + 7.84) * x - 4.42,
                      lower = -2.62, upper = -0.91),
  # A quartic where a parabolic step lands within 2 tol1 of the lower end (random search too).
  quartic_near_lower = list(f = function(x) (((7.44 * x + 9.82) * x - 8.36) * x - 1.67) * x + 4.14,
                            lower = -0.25, upper = 3.92),
  # A cubic where a parabolic step would land before the lower end (random search too).
  cubic_before = list(f = function(x) ((3.99 * x + 4.88) * x - 1.98) * x - 8.26,
                      lower = 0.18, upper = 1.63),
  # Step functions (ties between f(u) and f(w) or f(v); a step near the upper end), found by a
  # random search over floor(K * polynomial).
  steps_near_upper = list(f = function(x) floor(((((8.4 * x - 0.08) * x - 2.12) * x + 6.03) * x - 0.58) * 4),
                          lower = -1.81, upper = 1),
  steps_tie_w = list(f = function(x) floor(((((-7.71 * x + 7.22) * x + 9.91) * x + 6.86) * x - 0.33) * x - 4.06),
                     lower = -1.79, upper = 1.74),
  steps_tie_v = list(f = function(x) floor(((((8.63 * x - 8.61) * x - 5.35) * x + 0.08) * x + 4.23) * 4),
                     lower = 0.21, upper = 2)
)
optimize_out <- lapply(names(fns), function(name) {
  s <- fns[[name]]
  tol <- if (is.null(s$tol)) .Machine$double.eps^0.25 else s$tol
  r <- suppressWarnings(optimize(s$f, c(s$lower, s$upper), tol = tol))
  list(name = name, lower = s$lower, upper = s$upper, tol = tol, minimum = r$minimum)
})

out <- Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir)
writeLines(to_json(list(
  versions = list(estmeansd = as.character(packageVersion("estmeansd")),
                  metamedian = as.character(packageVersion("metamedian")),
                  metaBLUE = as.character(packageVersion("metaBLUE"))),
  range = range_cases, quartiles = quartile_cases, qe = qe_out, boxcox = bc_out,
  optimize = optimize_out)), file.path(out, "medianMutants.json"))
