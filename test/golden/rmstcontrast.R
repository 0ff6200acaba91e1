# Golden values for test/survival/rmstContrast.test.ts: survRM2::rmst2's comparison of two arms'
# restricted mean survival times (difference and ratio, their intervals and p-values), at two
# confidence levels and with an arm whose RMST is 0, for src/shared/survival/rmstContrast.ts.
#
# Usage, from the repository root:
#   Rscript test/golden/rmstcontrast.R
# Writes test/golden/rmstcontrast.json next to this script (or into $KMPOOL_GOLDEN_OUT if set, as
# `npm run golden:check` does). Numbers are written with sprintf("%.17g"); NA/NaN/Inf as null.
# The per-arm RMST and SE come from survival's `summary(survfit(...), rmean = tau)` and the
# contrasts from rmst2's formulas, so that the JSON does not depend on survRM2 being installed;
# when survRM2 (CRAN, GPL-2, not part of the repository) is installed, the script checks that
# `survRM2::rmst2` gives the same numbers and stops if not. The committed JSON was made with
# survRM2 1.0-4 installed (R_LIBS_USER) and survival 3.5-3.

suppressPackageStartupMessages(library(survival))
has_survRM2 <- suppressWarnings(requireNamespace("survRM2", quietly = TRUE))
if (!has_survRM2) message("survRM2 is not installed: contrasts from survfit only, not cross-checked")
invisible(Sys.setlocale("LC_COLLATE", "C"))

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "rmstcontrast.json")
source(file.path(script_dir, "json.R"))

# Arm 1 is the compared arm, arm 0 the reference, as rmst2(time, status, arm, tau, alpha =
# 1 - conf): the difference with SE sqrt(se1^2 + se0^2), the log ratio with the delta-method SE
# sqrt(se1^2 / rmst1^2 + se0^2 / rmst0^2) (which rmst2 does not print), Wald limits, the normal
# two-sided p of the difference.
contrast <- function(name, time, status, arm, tau, conf) {
  arm_rmst <- function(g) {
    fit <- survfit(Surv(time[arm == g], status[arm == g]) ~ 1)
    tab <- summary(fit, rmean = tau)$table
    c(rmst = unname(tab["rmean"]), se = unname(tab["se(rmean)"]))
  }
  a1 <- arm_rmst(1)
  a0 <- arm_rmst(0)
  z <- qnorm(1 - (1 - conf) / 2)
  diff <- a1[["rmst"]] - a0[["rmst"]]
  diff_se <- sqrt(a1[["se"]]^2 + a0[["se"]]^2)
  log_ratio <- log(a1[["rmst"]]) - log(a0[["rmst"]])
  log_ratio_se <- sqrt((a1[["se"]] / a1[["rmst"]])^2 + (a0[["se"]] / a0[["rmst"]])^2)
  out <- list(
    name = name, tau = tau, conf = conf,
    input = list(time = I(time), status = I(status), arm = I(arm)),
    rmst1 = a1[["rmst"]], se1 = a1[["se"]], rmst0 = a0[["rmst"]], se0 = a0[["se"]],
    diff = diff, diff_lower = diff - z * diff_se, diff_upper = diff + z * diff_se,
    diff_p = 2 * pnorm(-abs(diff) / diff_se), diff_se = diff_se,
    ratio = exp(log_ratio), ratio_lower = exp(log_ratio - z * log_ratio_se),
    ratio_upper = exp(log_ratio + z * log_ratio_se), log_ratio_se = log_ratio_se
  )
  if (has_survRM2) {
    r <- survRM2::rmst2(time, status, arm, tau = tau, alpha = 1 - conf)
    u <- r$unadjusted.result
    theirs <- c(r$RMST.arm1$rmst[1:2], r$RMST.arm0$rmst[1:2], u[1, 1:4], u[2, 1:3])
    ours <- unlist(out[c("rmst1", "se1", "rmst0", "se0", "diff", "diff_lower", "diff_upper",
                         "diff_p", "ratio", "ratio_lower", "ratio_upper")])
    if (!isTRUE(all.equal(unname(theirs), unname(ours), tolerance = 1e-12))) {
      stop("survRM2::rmst2 disagrees with the survfit-based contrast for ", name)
    }
  }
  out
}

set.seed(20261206)
n <- 40
t1 <- rexp(n, 1 / 12)
t0 <- rexp(n, 1 / 8)
cens <- runif(2 * n, 0, 30)
time <- round(pmin(c(t1, t0), cens), 1) # one decimal: some tied times
status <- as.integer(c(t1, t0) <= cens)
arm <- rep(c(1L, 0L), each = n)

cases <- list(
  contrast("simulated_95", time, status, arm, tau = 10, conf = 0.95),
  contrast("simulated_90", time, status, arm, tau = 10, conf = 0.90),
  # Everyone of arm 1 has the event at time 0: its RMST and SE are 0; rmst2 gives the ratio 0
  # with NaN limits, the difference -tau with SE 0 and p 0.
  contrast("compared_all_at_zero", c(0, 0, 0, 1, 2, 3), c(1, 1, 1, 1, 0, 1), c(1, 1, 1, 0, 0, 0),
           tau = 1.5, conf = 0.95),
  # The same with the arms swapped: the ratio is Inf.
  contrast("reference_all_at_zero", c(0, 0, 0, 1, 2, 3), c(1, 1, 1, 1, 0, 1), c(0, 0, 0, 1, 1, 1),
           tau = 1.5, conf = 0.95)
)

out <- list(
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  cases = cases
)
writeLines(to_json(out), out_file)
cat("wrote", out_file, "\n")
