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
source(file.path(script_dir, "quantileCases.R"))

cases <- quantile_cases(2021)

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
