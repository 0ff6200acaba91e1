# Golden values for the BC and MLN estimates of a mean and SD from a median with its range
# and/or quartiles (src/shared/meta/boxCoxMeanSd.ts, mlnMeanSd.ts), from R's estmeansd 1.0.1:
#   - bc:   estmeansd::bc.mean.sd(..., avoid.mc = TRUE), deterministic (the back-transform by
#           integrate(), relative tolerance about 1.2e-4);
#   - bc_mc: bc.mean.sd() with its default Monte Carlo back-transform (n + 1000 draws), seeded;
#   - mln:  estmeansd::mln.mean.sd() (its back-transform is always 10 000 random draws), seeded,
#           with the Monte Carlo standard errors of its mean and SD (from the same draws);
#   - mln_exact: the value those draws estimate, the mean and SD of the back-transformed
#           truncated normal at mln.mean.sd's own location, scale and shape, computed in R with
#           integrate() exactly as bc.mean.sd(avoid.mc = TRUE) does it.
# On sample quantiles of normal, log-normal, gamma and Weibull samples of 15, 60 and 300 (S1,
# S2, S3) and on typical survival medians.
#
# Usage, from the repository root (estmeansd and its Imports installed):
#   Rscript test/golden/boxcox.R
# Writes test/golden/boxcox.json (or into $KMPOOL_GOLDEN_OUT); the tests read only the JSON.

suppressPackageStartupMessages(library(estmeansd))

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
source(file.path(script_dir, "json.R"))

set.seed(2021)
draw <- list(
  normal = function(n) rnorm(n, 50, 10),
  `log-normal` = function(n) rlnorm(n, log(20), 0.8),
  gamma = function(n) rgamma(n, 2, 0.1),
  weibull = function(n) rweibull(n, 1.5, 30)
)
cases <- list()
for (dist in names(draw)) for (n in c(15, 60, 300)) {
  x <- draw[[dist]](n)
  q <- unname(quantile(x, c(0, 0.25, 0.5, 0.75, 1)))
  for (sc in c("S1", "S2", "S3")) {
    cases[[length(cases) + 1]] <- list(
      label = paste(dist, n, sc), scenario = sc, n = n, median = q[3],
      min = if (sc != "S2") q[1] else NA, q1 = if (sc != "S1") q[2] else NA,
      q3 = if (sc != "S1") q[4] else NA, max = if (sc != "S2") q[5] else NA)
  }
}
typical <- list(
  list(label = "median 27 range 3-96 n 40", median = 27, min = 3, max = 96, n = 40),
  list(label = "median 14.5 range 1-62 n 18", median = 14.5, min = 1, max = 62, n = 18),
  list(label = "median 31 IQR 18-52 n 75", median = 31, q1 = 18, q3 = 52, n = 75),
  list(label = "median 22 all five n 120", median = 22, min = 2, q1 = 11, q3 = 40, max = 130, n = 120)
)
for (t in typical) {
  t$scenario <- if (!is.null(t$q1) && !is.null(t$min)) "S3" else if (!is.null(t$min)) "S1" else "S2"
  for (f in c("min", "q1", "q3", "max")) if (is.null(t[[f]])) t[[f]] <- NA
  cases[[length(cases) + 1]] <- t
}

# The mean and SD that the Monte Carlo draws estimate, by integration as bc.mean.sd(avoid.mc =
# TRUE) does it (for shape 0: the untruncated log-normal).
exact_moments <- function(location, scale, shape) {
  if (shape == 0) {
    return(list(mean = exp(location + scale^2 / 2),
                sd = sqrt((exp(scale^2) - 1) * exp(2 * location + scale^2))))
  }
  lower <- min(-1 / shape, 2 * location + 1 / shape)
  upper <- max(-1 / shape, 2 * location + 1 / shape)
  normalizer <- 1 / (pnorm(upper, location, scale) - pnorm(lower, location, scale))
  inv <- function(x) pmax(shape * x + 1, 0)^(1 / shape)
  # integrate() fails on the very wide supports of small shapes (-1/shape = -1500): the
  # integrands are negligible (below e^-200) outside location - 30 scale ... location +
  # 30 scale + 4 scale^2, the window used here.
  a <- max(lower, location - 30 * scale)
  b <- min(upper, location + 30 * scale + 4 * scale^2)
  m <- integrate(function(x) normalizer * dnorm(x, location, scale) * inv(x), a, b,
                 rel.tol = 1e-10)$value
  v <- integrate(function(x) normalizer * dnorm(x, location, scale) * (inv(x) - m)^2, a, b,
                 rel.tol = 1e-10)$value
  list(mean = m, sd = sqrt(v))
}

case_out <- function(cs) {
  args <- list(min.val = cs$min, q1.val = cs$q1, med.val = cs$median, q3.val = cs$q3,
               max.val = cs$max, n = cs$n)
  bc <- suppressWarnings(do.call(bc.mean.sd, c(args, list(avoid.mc = TRUE))))
  bc_mc <- suppressWarnings(do.call(bc.mean.sd, args))
  mln <- suppressWarnings(do.call(mln.mean.sd, args))
  r <- mln$mln.norm.rvs
  m4 <- mean((r - mean(r))^4)
  c(cs, list(
    bc = list(mean = bc$est.mean, sd = bc$est.sd, location = bc$location, scale = bc$scale,
              shape = bc$shape),
    bc_mc = list(mean = bc_mc$est.mean, sd = bc_mc$est.sd, draws = length(bc_mc$bc.norm.rvs)),
    mln = list(mean = mln$est.mean, sd = mln$est.sd, location = mln$location,
               scale = mln$scale, shape = mln$shape, draws = length(r),
               mc_se_mean = sd(r) / sqrt(length(r)),
               mc_se_sd = sqrt((m4 / var(r)^2 - 1) / (4 * length(r))) * sd(r)),
    mln_exact = exact_moments(mln$location, mln$scale, mln$shape)))
}
out_cases <- lapply(cases, case_out)

out <- Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir)
writeLines(to_json(list(
  versions = list(estmeansd = as.character(packageVersion("estmeansd")),
                  metaBLUE = as.character(packageVersion("metaBLUE"))),
  cases = out_cases)), file.path(out, "boxcox.json"))
