# Golden values for `kmpool pool` (src/shared/pool) on real published data: survival at 1 and
# 5 years from Table 5 of the leiomyosarcoma metastasectomy review (../shared/reviews), pooled with
# metafor on the cloglog scale, overall and by subgroup.
#
# Usage, from the repository root:
#   Rscript test/golden/pool.R
# Writes test/golden/pool.json next to this script (or into $KMPOOL_GOLDEN_OUT if set, as
# `npm run golden:check` does); the tests read only the JSON.
#
# Effect sizes as kmpool defines them (src/shared/meta/survivalAtTime.ts): y = log(-log S),
# Peto Var S = S^2 (1 - S) / n_risk, delta method v = Var S / (S log S)^2. S = 0 or 1 gets the
# continuity correction S' = (m S + 0.5) / (m + 1), m the number at risk (when nobody is left:
# the number at risk at the study's last earlier time with S > 0, the patients followed to the
# drop to 0; kmpool's default zero-survival rule "followed"), with the empirical-logit variance 1/(x + 0.5) + 1/(m - x + 0.5), x = m S,
# times (S'(1 - S'))^2; S > 0 with nobody at risk is excluded.

suppressPackageStartupMessages(library(metafor))

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
source(file.path(script_dir, "json.R"))
review <- read.csv(file.path(script_dir, "..", "..", "..", "shared", "reviews",
                             "lms-metastasectomy-table5.csv"), stringsAsFactors = FALSE)

followed <- function(study, time) {
  d <- review[review$study == study & review$time < time & review$surv > 0, ]
  if (nrow(d) == 0) return(NA)
  last <- d[which.max(d$time), ]
  if (last$n_risk > 0) last$n_risk else NA
}

effect <- function(S, n_risk, n, n_followed) {
  if (n_risk == 0 && S > 0) return(c(NA, NA))
  if (S == 0 || S == 1) {
    m <- if (n_risk > 0) n_risk else if (S == 0 && !is.na(n_followed)) n_followed else n
    x <- m * S
    S <- (m * S + 0.5) / (m + 1)
    var_s <- (S * (1 - S))^2 * (1 / (x + 0.5) + 1 / (m - x + 0.5))
    return(c(log(-log(S)), var_s / (S * log(S))^2))
  }
  c(log(-log(S)), (S^2 * (1 - S) / n_risk) / (S * log(S))^2)
}

fit_fields <- function(fit) {
  list(estimate = num(fit$b), se = num(fit$se), ci_lower = num(fit$ci.lb), ci_upper = num(fit$ci.ub),
       tau2 = num(fit$tau2), I2 = num(fit$I2), Q = num(fit$QE), Q_p = num(fit$QEp), k = fit$k)
}
num <- function(x) as.numeric(x)

out <- list()
for (time in c(12, 60)) {
  d <- review[review$time == time, ]
  d$n_followed <- mapply(followed, d$study, d$time)
  es <- t(mapply(effect, d$surv, d$n_risk, d$n, d$n_followed))
  d$yi <- es[, 1]
  d$vi <- es[, 2]
  keep <- !is.na(d$yi)
  for (method in c("REML", "DL")) {
    for (test in c("z", "knha")) {
      fit <- rma(yi, vi, data = d[keep, ], method = method, test = test)
      pi <- predict(fit)
      subgroups <- list()
      est <- c(); ses <- c()
      for (g in unique(d$subgroup)) {
        dg <- d[keep & d$subgroup == g, ]
        fg <- rma(yi, vi, data = dg, method = method, test = test)
        subgroups[[length(subgroups) + 1]] <- c(list(subgroup = g), fit_fields(fg))
        est <- c(est, fg$b); ses <- c(ses, fg$se)
      }
      between <- rma(yi = est, sei = ses, method = "FE")
      out[[length(out) + 1]] <- c(
        list(time = time, method = method, test = test, yi = I(d$yi), vi = I(d$vi),
             studies = I(d$study), pi_lower = num(pi$pi.lb), pi_upper = num(pi$pi.ub)),
        fit_fields(fit),
        list(subgroups = subgroups, Q_between = num(between$QE), Q_between_p = num(between$QEp)))
    }
  }
}
writeLines(to_json(out), file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "pool.json"))
