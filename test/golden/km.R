# Golden values for `kmpool km` on examples/ipd.csv (the README's example), computed with R's
# survival package: per arm survfit() summaries at 6 and 12 months with the default log-scale
# CI, the median and its CI, and coxph (Efron ties) with survdiff's log-rank p for the two arms.
#
# Usage, from the repository root:
#   Rscript test/golden/km.R
# Writes test/golden/km.json next to this script (or into $KMPOOL_GOLDEN_OUT if set). The tests
# read only the JSON, never R.

suppressPackageStartupMessages(library(survival))

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "km.json")
source(file.path(script_dir, "json.R"))

d <- read.csv(file.path(script_dir, "..", "..", "examples", "ipd.csv"), stringsAsFactors = FALSE)
d$arm <- relevel(factor(d$arm), ref = "placebo")
times <- c(6, 12)

groups <- list()
for (g in c("placebo", "pembrolizumab")) {
  fit <- survfit(Surv(time, event) ~ 1, data = d[d$arm == g, ])
  s <- summary(fit, times = times)
  q <- quantile(fit, probs = 0.5)
  groups[[length(groups) + 1]] <- list(
    group = g, n = fit$n, events = sum(fit$n.event),
    median = unname(q$quantile), median_lower = unname(q$lower), median_upper = unname(q$upper),
    time = I(s$time), surv = I(s$surv), se = I(s$std.err), lower = I(s$lower),
    upper = I(s$upper), n_risk = I(s$n.risk))
}
cox <- coxph(Surv(time, event) ~ arm, data = d, ties = "efron")
ci <- summary(cox)$conf.int
lr <- survdiff(Surv(time, event) ~ arm, data = d)
out <- list(
  generated_by = "test/golden/km.R",
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  groups = groups,
  hr = list(hr = unname(ci[1, "exp(coef)"]), lower = unname(ci[1, "lower .95"]),
            upper = unname(ci[1, "upper .95"]),
            p_logrank = pchisq(lr$chisq, length(lr$n) - 1, lower.tail = FALSE)))
writeLines(to_json(out), out_file)
