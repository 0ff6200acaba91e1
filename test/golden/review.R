# Independent expectations for computeReview (src/shared/review) on the small review of
# test/review/studies.ts, computed with R's survival and metafor from the TRUE patients of its
# digitized studies (review-ipd.csv), not from anything kmpool reconstructed.
#
# review-ipd.csv holds the simulated patients of smallReview(): patients(seed, n, median) of
# test/review/studies.ts (test/generator/simulateIpd), one row per patient; the test checks that
# they are still the patients the review is drawn from. The figures of those studies are the
# exact step corners with exact numbers at risk every 12 months, so up to 48 months the
# reconstruction gives back these patients' Kaplan–Meier curve exactly.
#
# Effect sizes as kmpool defines them (src/shared/meta): survival on the cloglog scale,
# y = log(-log S), v = Greenwood's sum (std.err of log S squared) / (log S)^2 from the IPD, Peto
# Var S = S^2 (1 - S) / n_risk or a published SE for published numbers, v = Var S / (S log S)^2;
# the median on the log scale with SE = (log U - log L) / (2 z) from the Brookmeyer–Crowley CI
# (or (log m - log L) / z when the upper limit is not reached); Hozo's median, range and n with
# SD = range / 4 (15 < n <= 70) and SE = SD / (sqrt(n) m); the log HR from coxph (Efron ties).
# Pooled with rma(method = "REML", test = "z"), overall and per subgroup.
#
# Usage, from the repository root:
#   Rscript test/golden/review.R
# Writes test/golden/review.json next to this script (or into $KMPOOL_GOLDEN_OUT if set).

suppressPackageStartupMessages({ library(survival); library(metafor) })

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "review.json")
source(file.path(script_dir, "json.R"))

ipd <- read.csv(file.path(script_dir, "review-ipd.csv"), stringsAsFactors = FALSE)
z <- qnorm(0.975)
times <- c(12, 24, 36, 48, 60)
digitized <- list(c("Lung A", "Lung"), c("Lung B", "Lung"), c("Lung C", "Lung"),
                  c("Liver D", "Liver"), c("Liver E", "Liver"))
cloglog_v <- function(S, var_s) var_s / (S * log(S))^2

rows <- list()
add <- function(outcome, study, subgroup, yi, vi, extra = list()) {
  rows[[length(rows) + 1]] <<- c(list(outcome = outcome, study = study, subgroup = subgroup,
                                      yi = yi, vi = vi), extra)
}

for (d in digitized) {
  arm <- ipd[ipd$study == d[1] & ipd$arm == "Resected", ]
  fit <- survfit(Surv(time, event) ~ 1, data = arm)
  s <- summary(fit, times = times, extend = TRUE)
  for (i in seq_along(times)) {
    S <- s$surv[i]
    greenwood <- (s$std.err[i] / S)^2 # summary's std.err is the SE of S
    add(paste0("survival_", times[i]), d[1], d[2], log(-log(S)), greenwood / log(S)^2,
        list(surv = S, n_risk = s$n.risk[i]))
  }
  q <- quantile(fit, probs = 0.5)
  m <- unname(q$quantile); lo <- unname(q$lower); hi <- unname(q$upper)
  if (is.na(m)) {
    add("median", d[1], d[2], NA, NA, list(median = NA, lower = lo, upper = hi))
  } else {
    se <- if (is.na(hi)) (log(m) - log(lo)) / z else (log(hi) - log(lo)) / (2 * z)
    add("median", d[1], d[2], log(m), se^2, list(median = m, lower = lo, upper = hi))
  }
}

# Liver F: published survival at 1, 3 and 5 years (12, 36, 60 months); nothing at 24 and 48.
add("survival_12", "Liver F", "Liver", log(-log(0.8)), cloglog_v(0.8, 0.8^2 * 0.2 / 30))
add("survival_24", "Liver F", "Liver", NA, NA)
add("survival_36", "Liver F", "Liver", log(-log(0.45)), cloglog_v(0.45, 0.45^2 * 0.55 / 14))
add("survival_48", "Liver F", "Liver", NA, NA)
add("survival_60", "Liver F", "Liver", log(-log(0.3)), cloglog_v(0.3, 0.08^2))
# Spine G: median 14, range 2–60, n 25 (Hozo: 15 < n <= 70, SD = range / 4).
add("median", "Spine G", "Spine", log(14), ((60 - 2) / 4 / (sqrt(25) * 14))^2)

# Liver D: Cox model, resected against not resected (the reference).
liver_d <- ipd[ipd$study == "Liver D", ]
liver_d$resected <- as.integer(liver_d$arm == "Resected")
cox <- coxph(Surv(time, event) ~ resected, data = liver_d, ties = "efron")

pool <- function(outcome) {
  r <- Filter(function(x) x$outcome == outcome && !is.na(x$yi), rows)
  yi <- vapply(r, function(x) x$yi, 0); vi <- vapply(r, function(x) x$vi, 0)
  sg <- vapply(r, function(x) x$subgroup, "")
  fit_fields <- function(f) list(k = f$k, estimate = as.numeric(f$b), se = f$se,
                                 ci_lower = f$ci.lb, ci_upper = f$ci.ub, tau2 = f$tau2,
                                 I2 = f$I2, Q = f$QE, Q_p = f$QEp)
  subgroups <- list()
  for (g in unique(sg)) {
    if (sum(sg == g) == 0) next
    fg <- rma(yi[sg == g], vi[sg == g], method = "REML", test = "z")
    subgroups[[length(subgroups) + 1]] <- c(list(subgroup = g), fit_fields(fg))
  }
  c(list(outcome = outcome, studies = I(vapply(r, function(x) x$study, ""))),
    fit_fields(rma(yi, vi, method = "REML", test = "z")), list(subgroups = subgroups))
}

out <- list(
  generated_by = "test/golden/review.R",
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  metafor_version = as.character(packageVersion("metafor")),
  studies = rows,
  cox_liver_d = list(beta = unname(coef(cox)), se = unname(sqrt(diag(vcov(cox))))),
  pooled = lapply(c(paste0("survival_", times), "median"), pool))
writeLines(to_json(out), out_file)
