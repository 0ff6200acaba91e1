# Golden values for kmpool's pooled survival curve (src/shared/meta/combescureCurve.ts) from the
# authors' own code: RISCA::survival.summary (Combescure, Foucher & Jackson 2014; RISCA 1.0.7),
# random effects, confidence = "Greenwood", on
#   - RISCA's example data, dataHepatology (27 studies, 20 times; the package's data/),
#   - the leiomyosarcoma table of test/golden/meta.R, and
#   - the example review's pooled curves (test/golden/risca-example.csv, written by
#     `npx tsx test/golden/risca-example.ts` in RISCA's layout), one per group.
#
# Usage, from the repository root:
#   RISCA_SRC=/path/to/RISCA Rscript test/golden/risca.R
# RISCA_SRC is RISCA's source package (CRAN's tarball unpacked, or github.com/cran/RISCA).
# When RISCA is installed it is used as is; otherwise (its Depends - relsurv, reticulate, tune -
# and Imports - caret, SuperLearner, mosaic, ... - are heavy) the script sources the one file
# R/survival.summary.R from RISCA_SRC, which needs only mvtnorm, and loads data/dataHepatology.rda.
# Writes test/golden/risca.json (or into $KMPOOL_GOLDEN_OUT); the tests read only the JSON.
#
# The median's CI is RISCA's Monte Carlo (10,000 draws); it is recorded for seeds 1 to 5 so
# that a test can allow for simulation error.

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

run <- function(study, time, n_risk, surv) {
  fits <- lapply(1:5, function(seed) {
    set.seed(seed)
    survival.summary(study, time, n_risk, surv, confidence = "Greenwood")
  })
  r <- fits[[1]]
  stopifnot(all(r$verif.data$check == 1))
  s <- r$summary.random
  list(
    time = I(s[, 1]), surv = I(s[, 2]), lower = I(s[, 3]), upper = I(s[, 4]),
    median = r$median.random[1],
    median_lower = I(sapply(fits, function(f) f$median.random[2])),
    median_upper = I(sapply(fits, function(f) f$median.random[3])),
    heterogeneity = I(r$heterogeneity)
  )
}

hep <- dataHepatology
hepatology <- run(hep$study, hep$time, hep$n.risk, hep$survival)
hepatology$input <- list(study = I(hep$study), time = I(hep$time), surv = I(hep$survival),
                         n_risk = I(hep$n.risk))

# The leiomyosarcoma table (DESIGN.md section 5; test/golden/meta.R) in RISCA's layout: n_risk
# at the start of each interval (the study size for the first), each study's rows stopping at
# its first S = 0 (RISCA divides by the previous S).
lms_study <- c("Anraku 2003", "Burt 2011", "Chen 1998", "Ercolani 2005", "Faraj 2015",
  "Farid 2013", "Goumard 2018", "Kato 2020", "Kim 2017")
lms_n <- c(11, 31, 11, 10, 5, 11, 55, 10, 10)
lms_surv <- rbind(c(0.64, 0.55, 0.38, 0.38, 0.38), c(0.98, 0.87, 0.72, 0.64, 0.52),
  c(1.00, 0.72, 0.52, 0.35, 0.00), c(0.80, 0.60, 0.60, 0.50, 0.30), c(0.60, 0.40, 0.20, 0.00, 0.00),
  c(1.00, 1.00, 0.78, 0.78, 0.67), c(0.98, 0.89, 0.69, 0.58, 0.52), c(0.90, 0.70, 0.60, 0.50, 0.40),
  c(1.00, 0.58, 0.58, 0.58, 0.58))
lms_risk <- rbind(c(7, 5, 4, 3, 2), c(29, 25, 19, 16, 13), c(11, 7, 4, 1, 0), c(8, 6, 6, 5, 3),
  c(3, 2, 1, 0, 0), c(11, 9, 7, 7, 6), c(52, 36, 26, 19, 17), c(9, 7, 6, 5, 4), c(8, 2, 2, 1, 1))
lms_rows <- do.call(rbind, lapply(seq_along(lms_study), function(i) {
  last <- min(c(which(lms_surv[i, ] == 0), 5))
  data.frame(study = i, time = c(12, 24, 36, 48, 60)[1:last], surv = lms_surv[i, 1:last],
             n_risk = c(lms_n[i], lms_risk[i, 1:4])[1:last])
}))
lms <- run(lms_rows$study, lms_rows$time, lms_rows$n_risk, lms_rows$surv)

ex <- read.csv(file.path(script_dir, "risca-example.csv"), stringsAsFactors = FALSE)
example <- lapply(unique(ex$group), function(g) {
  d <- ex[ex$group == g, ]
  ids <- match(d$study, unique(d$study))
  c(list(group = g), run(ids, d$time, d$n_risk, d$surv))
})

out <- Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir)
writeLines(to_json(list(origin = origin, hepatology = hepatology, lms = lms, example = example)),
           file.path(out, "risca.json"))
