# Golden values for the test/meta/mutants*.test.ts files: cases that kill mutants of
# src/shared/meta that the other goldens let survive (see docs/mutation.md), computed with R's
# uniroot and metafor.
#
# Usage, from the repository root:
#   Rscript test/golden/metaMutants.R
# Writes test/golden/metaMutants.json next to this script (or into $KMPOOL_GOLDEN_OUT if set, as
# `npm run golden:check` does). Numbers are written with sprintf("%.17g"); NA/NaN/Inf as null.

suppressPackageStartupMessages({
  library(metafor)
})

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
out_file <- file.path(Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir), "metaMutants.json")
source(file.path(script_dir, "json.R"))

# ---- zeroin = R's uniroot (R_zeroin2) ----------------------------------------------------------
# Functions whose iterates take the branches the smooth cases of meta.R never take: a root at an
# end point, an iterate landing exactly on the root, a step function (|f(a)| = |f(b)|), a pole,
# steep and flat functions, and a search stopped by maxiter (uniroot warns and returns the last
# iterate). The test file evaluates the same expressions in JavaScript.
uniroot_case <- function(name, f, lower, upper, tol = .Machine$double.eps^0.25, maxiter = 1000) {
  # uniroot only warns ("_NOT_ converged in ... iterations") when maxiter is exhausted.
  converged <- TRUE
  r <- withCallingHandlers(uniroot(f, c(lower, upper), tol = tol, maxiter = maxiter),
    warning = function(w) {
      converged <<- FALSE
      invokeRestart("muffleWarning")
    })
  list(name = name, lower = lower, upper = upper, tol = tol, maxiter = maxiter, root = r$root,
       iter = r$iter, converged = converged)
}
zeroin <- list(
  uniroot_case("x", function(x) x, 0, 1),
  uniroot_case("x - 1", function(x) x - 1, 0, 1),
  uniroot_case("x - 0.5", function(x) x - 0.5, 0, 1),
  uniroot_case("x - 0.5, tol 1e-12", function(x) x - 0.5, 0, 1, tol = 1e-12),
  uniroot_case("step at 0.3", function(x) ifelse(x < 0.3, -1, 1), 0, 1),
  uniroot_case("step at 0.3, tol 1e-10", function(x) ifelse(x < 0.3, -1, 1), 0, 1, tol = 1e-10),
  uniroot_case("atan(1000 (x - 0.3))", function(x) atan(1000 * (x - 0.3)), 0, 1),
  uniroot_case("pole 1/(x - 0.7)", function(x) 1 / (x - 0.7), 0, 1),
  uniroot_case("(x - 1)^3", function(x) (x - 1)^3, 0, 3, tol = 1e-10),
  uniroot_case("x^9 - 0.5", function(x) x^9 - 0.5, 0, 1.5),
  uniroot_case("exp(10 x) - 2", function(x) exp(10 * x) - 2, -1, 1, tol = 1e-12),
  uniroot_case("log(x) on [0.01, 10]", function(x) log(x), 0.01, 10, tol = 1e-12),
  uniroot_case("1/(1 + x) - 0.01", function(x) 1 / (1 + x) - 0.01, 0, 1000),
  uniroot_case("cos(x)", function(x) cos(x), 0, 4, tol = 1e-12),
  uniroot_case("tanh(5 (x - 2))", function(x) tanh(5 * (x - 2)), -10, 3, tol = 1e-9),
  # An infinite value at an end point (R accepts it): the interpolated step is 0 there.
  uniroot_case("log(x)", function(x) log(x), 0, 3, tol = 1e-14),
  uniroot_case("exp(x) - 1/(100 x^2)", function(x) exp(x) - 1 / (100 * x^2), 0, 3, tol = 0.01),
  # Found by a search over random functions (docs/mutation.md): each tells apart one branch
  # condition of the iteration (when to interpolate rather than bisect). The constants are the doubles the search used, written so that R reads them
  # back exactly.
  uniroot_case("(x - 2.193999) |x - 2.193999|", function(x) (x - 2.193999) * abs(x - 2.193999),
    1.198, 2.695, tol = 1e-6),
  uniroot_case("(x - 0.203787) |x - 0.203787|", function(x) (x - 0.203787) * abs(x - 0.203787),
    -0.061, 4.19, tol = 0.01),
  uniroot_case("x^2 - 2, maxiter 3", function(x) x^2 - 2, 0, 2, maxiter = 3),
  uniroot_case("step at 0.3, maxiter 5", function(x) ifelse(x < 0.3, -1, 1), 0, 1, maxiter = 5)
)

# ---- weighted least squares and the traces of metafor's P --------------------------------------
# The quantities src/shared/meta/weightedLeastSquares.ts computes without forming P, computed here
# from P = W - W X (X'WX)^-1 X'W as metafor::rma.uni does (`.tr(P)`, `sum(P * P)`,
# `sum(PV * P)`, `sum(PV * t(PV))`), for designs of one column (not all ones), two and three
# columns, with a and b weightings of sum_ij a_i b_j P_ij^2 that differ.
wls_case <- function(X, y, w, a, b) {
  W <- diag(w)
  XtWX <- t(X) %*% W %*% X
  A <- solve(XtWX)
  beta <- A %*% t(X) %*% W %*% y
  r <- c(y - X %*% beta)
  P <- W - W %*% X %*% A %*% t(X) %*% W
  sum_ab <- function(a, b) sum(outer(a, b) * P^2)
  list(X = lapply(seq_len(ncol(X)), function(j) I(X[, j])), y = I(y), w = I(w), a = I(a), b = I(b),
       beta = I(c(beta)), inv = I(c(t(A))), logdet = c(determinant(XtWX, logarithm = TRUE)$modulus),
       rss = sum(w * r^2), residuals = I(r), sum_w = sum(w), trace_p = sum(diag(P)),
       sum_pp = sum(P * P), sum_p_b = sum_ab(rep(1, length(w)), b), sum_a_b = sum_ab(a, b),
       sum_b_b = sum_ab(b, b))
}
y7 <- c(0.31, -0.12, 0.55, 0.08, 0.42, -0.3, 0.2)
w7 <- c(4.2, 11.5, 2.7, 8.1, 5.5, 1.9, 6.6)
a7 <- c(0.9, 1.4, 0.3, 2.2, 0.7, 1.1, 0.5)
b7 <- c(0.24, 0.09, 0.37, 0.12, 0.18, 0.53, 0.15)
x1 <- c(0.5, 1.3, -0.8, 2.1, 0.9, 1.7, -0.4)
x2 <- c(3.1, 0.2, 1.4, -1.1, 2.6, 0.7, 1.9)
wls <- list(
  one_column = wls_case(cbind(x1), y7, w7, a7, b7),
  two_columns = wls_case(cbind(1, x1), y7, w7, a7, b7),
  three_columns = wls_case(cbind(1, x1, x2), y7, w7, a7, b7)
)
# Cholesky of a 4 x 4 positive definite matrix: inverse and log-determinant.
spd4 <- matrix(c(6, 1.5, -0.7, 2.1,
                 1.5, 5, 0.9, -1.2,
                 -0.7, 0.9, 4, 0.6,
                 2.1, -1.2, 0.6, 7), 4, 4)
spd <- list(m = I(c(t(spd4))), inv = I(c(t(solve(spd4)))),
            logdet = c(determinant(spd4, logarithm = TRUE)$modulus))

# ---- meta-regression with two moderators (fitMetaRegression, p = 3) -----------------------------
# rma.uni(yi, vi, mods = X, intercept = FALSE) for X = [1, x1, x2]; and a fixed-effect model with
# as many coefficients as studies (k = p = 2: Q_E = 0 on 0 df).
mr_case <- function(yi, vi, X, method, test) {
  f <- rma(yi, vi, mods = X, intercept = FALSE, method = method, test = test)
  list(method = method, test = test, k = f$k, p = f$p, tau2 = f$tau2, beta = I(c(f$beta)),
       se = I(f$se), statistic = I(f$zval), pval = I(f$pval), ci_lower = I(f$ci.lb),
       ci_upper = I(f$ci.ub), QE = f$QE, QE_p = f$QEp, I2 = f$I2, H2 = f$H2)
}
mr_yi <- c(0.31, -0.12, 0.55, 0.08, 0.42, -0.3, 0.2, 0.61, -0.05)
mr_vi <- c(0.04, 0.09, 0.05, 0.02, 0.07, 0.03, 0.06, 0.08, 0.05)
mr_x1 <- c(0.5, 1.3, -0.8, 2.1, 0.9, 1.7, -0.4, -1.2, 1.1)
mr_x2 <- c(3.1, 0.2, 1.4, -1.1, 2.6, 0.7, 1.9, 0.4, -0.6)
mr_X <- cbind(1, mr_x1, mr_x2)
meta_regression <- list(
  yi = I(mr_yi), vi = I(mr_vi), X = lapply(1:3, function(j) I(mr_X[, j])),
  fits = lapply(list(c("REML", "z"), c("REML", "knha"), c("DL", "knha"), c("FE", "z"),
                     c("FE", "knha")), function(m) mr_case(mr_yi, mr_vi, mr_X, m[1], m[2])),
  saturated = list(yi = I(c(0.3, 0.5)), vi = I(c(0.04, 0.09)), x = I(c(0.2, 1.4)),
    fit = mr_case(c(0.3, 0.5), c(0.04, 0.09), cbind(1, c(0.2, 1.4)), "FE", "z"))
)

# ---- Q-profile: both bounds beyond the search limit ---------------------------------------------
# DerSimonian-Laird's tau^2 is small for this spread, and Q at the search limit max(100, 10 tau^2)
# is still above the upper quantile: confint reports both bounds as the limit (">100").
qp_beyond <- local({
  yi <- c(-7.3, -12, -0.7, -0.2, 42.9, 0.3)
  vi <- c(1.01, 0.199, 0.01, 0.005, 1.596, 0.003)
  f <- rma(yi, vi, method = "DL")
  ci <- confint(f)$random
  list(yi = I(yi), vi = I(vi), tau2 = f$tau2, tau2_ci_lower = ci["tau^2", "ci.lb"],
       tau2_ci_upper = ci["tau^2", "ci.ub"], I2_ci_lower = ci["I^2(%)", "ci.lb"],
       H2_ci_upper = ci["H^2", "ci.ub"])
})

# ---- ML/REML: Fisher scoring stops where the likelihood is below that at tau^2 = 0 ----------------
# metafor's ll0check then sets tau^2 = 0 (with a warning, "Fisher scoring algorithm may have gotten
# stuck at a local maximum"). Data sets found by a search over small random ones; "unchecked" is
# the fit with control = list(ll0check = FALSE), to show the branch is taken.
ll0_case <- function(yi, vi, method) {
  f <- suppressWarnings(rma(yi, vi, method = method))
  u <- rma(yi, vi, method = method, control = list(ll0check = FALSE))
  ci <- confint(f)$random
  list(yi = I(yi), vi = I(vi), method = method, tau2 = f$tau2, se_tau2 = f$se.tau2,
       estimate = c(f$beta), se = f$se, ci_lower = f$ci.lb, ci_upper = f$ci.ub, I2 = f$I2,
       H2 = f$H2, tau2_ci_lower = ci["tau^2", "ci.lb"], tau2_ci_upper = ci["tau^2", "ci.ub"],
       unchecked_tau2 = u$tau2)
}
ll0 <- list(
  ll0_case(c(-0.491, -5.632, -1.536), c(0.0583, 3.9051, 4.8044), "ML"),
  ll0_case(c(-0.44, 0.507), c(0.1644, 0.0116), "ML"),
  ll0_case(c(-0.257, -3.509, -1.009, -0.481), c(6.2755, 1.0542, 0.1791, 0.0102), "ML"),
  ll0_case(c(-0.54, 1.916, 1.828, -1.971), c(4.801, 0.0803, 0.0358, 2.2317), "REML")
)

# Fisher scoring that stops just above 0 (tau^2 <= threshold = 1e-5) where the likelihood at 0 is
# higher: ll0check leaves tau^2 as it is (it needs tau^2 > threshold), as kmpool must.
tiny <- lapply(c("ML", "REML"), function(m) {
  yi <- c(0.234, -0.03895, 0.23211, 0.19953, 0.21908, 0.1916, 0.26086, 0.16071)
  vi <- c(0.011293, 0.015475, 0.001624, 0.001926, 0.000281, 0.000282, 0.006294, 0.005278)
  f <- rma(yi, vi, method = m)
  list(yi = I(yi), vi = I(vi), method = m, tau2 = f$tau2, estimate = c(f$beta), se = f$se,
       ll0_minus_ll = c(logLik(rma(yi, vi, method = m, tau2 = 0)) - logLik(f)))
})

# ---- Fisher scoring that does not converge: rma stops with an error -----------------------------
no_convergence <- lapply(list(
  list(yi = c(-0.31, -0.428, 0.013, 0.079, 0.014, -0.311),
       vi = c(2.32161, 0.00071, 0.01883, 0.00651, 7.85396, 2.87053)),
  list(yi = c(0.171, 0.032, 0.048, -0.334, 0.132), vi = c(0.00074, 0.00122, 0.15764, 0.6762, 3.94277))
), function(d) {
  err <- tryCatch({rma(d$yi, d$vi, method = "EB"); NA}, error = function(e) conditionMessage(e))
  list(yi = I(d$yi), vi = I(d$vi), method = "EB", error = err)
})

out <- list(
  r_version = R.version.string,
  metafor_version = as.character(packageVersion("metafor")),
  zeroin = zeroin,
  wls = wls,
  spd = spd,
  meta_regression = meta_regression,
  qp_beyond = qp_beyond,
  ll0 = ll0,
  tiny = tiny,
  no_convergence = no_convergence
)
writeLines(to_json(out), out_file)
