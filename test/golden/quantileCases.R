# The summaries of a median that the QE and Box-Cox/MLN goldens share (sourced by qe.R and
# boxcox.R): samples of four distributions at three sizes, each reported as S1 (min, median,
# max), S2 (q1, median, q3) and S3 (all five), then four medians as survival papers report them
# (months). `seed` is each script's own, so their samples differ as before.
quantile_cases <- function(seed) {
  set.seed(seed)
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
  cases
}
