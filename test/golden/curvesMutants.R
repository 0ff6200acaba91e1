# Golden values for the mutation tests of kmpool's pooled survival curve
# (test/meta/mutantsCurves.test.ts; src/shared/meta/combescureMoments.ts, combescureCurve.ts)
# from the authors' own code, RISCA::survival.summary (Combescure, Foucher & Jackson 2014;
# RISCA 1.0.7, random effects, confidence = "Greenwood"). Besides the printed curve it records
# the intermediate quantities of that function, read from its frame on exit with trace() (the
# function itself is not modified): the transformed conditional survivals ys and their variances
# vars (null where RISCA puts its 1e12 "missing" variance), the moment estimate of the
# between-study covariance before (estmat) and after (esttrun) the negative eigenvalues are set
# to 0, its eigenvalues, and the pooled random-effects means and their covariance. The median's
# CI is RISCA's Monte Carlo with set.seed(1).
#
# Data: RISCA's dataHepatology, and two small made-up sets in RISCA's layout (n_risk at the
# start of each interval, studies that stop early): "mixed" (a moment matrix with negative
# eigenvalues, a median between two times) and "high" (survival above 0.5 throughout: no median; upper limits
# above 1).
#
# Usage, from the repository root:
#   RISCA_SRC=/path/to/RISCA Rscript test/golden/curvesMutants.R
# (as test/golden/risca.R: RISCA installed, or its source package in RISCA_SRC). Writes
# test/golden/curvesMutants.json (or into $KMPOOL_GOLDEN_OUT).

suppressPackageStartupMessages(library(mvtnorm))

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
source(file.path(script_dir, "json.R"))

risca_src <- Sys.getenv("RISCA_SRC", "")
if (requireNamespace("RISCA", quietly = TRUE)) {
  survival.summary <- RISCA::survival.summary
  data("dataHepatology", package = "RISCA")
  origin <- paste("RISCA", as.character(packageVersion("RISCA")), "(installed)")
} else {
  if (risca_src == "") stop("RISCA is not installed: set RISCA_SRC to its source folder")
  source(file.path(risca_src, "R", "survival.summary.R"))
  load(file.path(risca_src, "data", "dataHepatology.rda"))
  desc <- read.dcf(file.path(risca_src, "DESCRIPTION"))
  origin <- paste("RISCA", desc[1, "Version"], "(R/survival.summary.R sourced)")
}

captured <- NULL
invisible(trace("survival.summary", print = FALSE, where = environment(),
      exit = quote(captured <<- list(ys = ys, vars = vars, estmat = estmat, esttrun = esttrun,
                                     eigen = eig$values, mu = betahatrandomeffect,
                                     cov = covrandomeffect))))

rows_of <- function(m) lapply(seq_len(nrow(m)), function(i) I(as.numeric(m[i, ])))

run <- function(study, time, n_risk, surv) {
  set.seed(1)
  r <- survival.summary(study, time, n_risk, surv, confidence = "Greenwood")
  stopifnot(all(r$verif.data$check == 1))
  s <- r$summary.random
  missing <- captured$vars == 10^12
  ys <- captured$ys
  ys[missing] <- NA
  vars <- captured$vars
  vars[missing] <- NA
  list(
    input = list(study = I(study), time = I(time), n_risk = I(n_risk), surv = I(surv)),
    time = I(s[, 1]), surv = I(s[, 2]), lower = I(s[, 3]), upper = I(s[, 4]),
    median = r$median.random[1], median_ci = I(r$median.random[2:3]),
    ys = rows_of(ys), vars = rows_of(vars),
    sigma_raw = rows_of(captured$estmat), sigma = rows_of(captured$esttrun),
    eigen = I(captured$eigen), mu = I(as.numeric(captured$mu)), cov = rows_of(captured$cov)
  )
}

hep <- dataHepatology
hepatology <- run(hep$study, hep$time, hep$n.risk, hep$survival)

mixed <- data.frame(
  study = c(1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 5),
  time = c(1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 1, 2, 3),
  n_risk = c(40, 36, 32, 28, 25, 21, 18, 15, 60, 57, 51, 47, 15, 12, 30, 28, 25),
  surv = c(0.9, 0.75, 0.6, 0.45, 0.85, 0.65, 0.5, 0.38, 0.95, 0.85, 0.7, 0.55, 0.8, 0.6,
           0.93, 0.8, 0.62))
high <- data.frame(
  study = c(1, 1, 1, 2, 2, 2, 3, 3),
  time = c(2, 4, 6, 2, 4, 6, 2, 4),
  n_risk = c(50, 49, 47, 30, 29, 28, 80, 78),
  surv = c(0.98, 0.95, 0.9, 0.97, 0.93, 0.9, 0.99, 0.96))

out <- Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir)
writeLines(to_json(list(
  origin = origin,
  hepatology = hepatology,
  mixed = run(mixed$study, mixed$time, mixed$n_risk, mixed$surv),
  high = run(high$study, high$time, high$n_risk, high$surv)
)), file.path(out, "curvesMutants.json"))
