# Reference figures for the simulation of test/bench/statistics.ts (issue 11): the same simulated
# reviews analysed by the authors' R code, to tell whether a coverage away from 95% is the
# method's or kmpool's.
#   - pooled S(6) and the curve median: RISCA::survival.summary (Combescure, Foucher & Jackson
#     2014; RISCA 1.0.7, random effects, confidence = "Greenwood");
#   - the pooled median from min/median/max: metamedian::qe(pool_studies = FALSE) for each
#     study's median and SE (McGrath et al. 2020), put on the log scale (log m, SE/m) and pooled
#     by metafor::rma(method = "REML"), as kmpool's bench does.
# The reviews are drawn with kmpool's own generator (Park–Miller uniforms, Box–Muller normals,
# the same calls in the same order as simulate() in statistics.ts), so the first REPLICATES
# reviews of each scenario are the very data kmpool's bench analyses; the Kaplan–Meier
# estimates come from survival::survfit. The curve median's CI is RISCA's Monte Carlo (its own
# 10,000 draws, seeded here), so it is the one figure that is not the same computation.
#
# Usage, from the repository root (about 5 minutes of CPU; KMPOOL_REF_REPLICATES=N for another
# number of reviews per scenario than the 200 of the stored figures):
#   RISCA_SRC=/path/to/RISCA R_LIBS_USER=/path/to/metamedian Rscript test/bench/statistics-reference.R
# RISCA_SRC as for test/golden/risca.R (R/survival.summary.R is sourced when RISCA is not
# installed). Writes test/bench/statistics-reference.json, which the bench prints as stored
# figures beside kmpool's.

suppressPackageStartupMessages({
  library(mvtnorm)
  library(survival)
  library(metafor)
  library(metamedian)
})

script_dir <- local({
  file_arg <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(file_arg) == 1) dirname(normalizePath(sub("^--file=", "", file_arg))) else getwd()
})
source(file.path(script_dir, "..", "golden", "json.R"))

risca_src <- Sys.getenv("RISCA_SRC", "")
if (requireNamespace("RISCA", quietly = TRUE)) {
  survival.summary <- RISCA::survival.summary
  risca <- paste("RISCA", as.character(packageVersion("RISCA")), "(installed)")
} else {
  if (risca_src == "") stop("RISCA is not installed: set RISCA_SRC to its source folder")
  source(file.path(risca_src, "R", "survival.summary.R"))
  desc <- read.dcf(file.path(risca_src, "DESCRIPTION"))
  risca <- paste("RISCA", desc[1, "Version"], "(R/survival.summary.R sourced)")
}

REPLICATES <- as.integer(Sys.getenv("KMPOOL_REF_REPLICATES", "200"))
K <- 8
TRUE_MEDIAN <- 6
GRID <- c(1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 18, 24)
DETAIL <- 20

# kmpool's generator (statistics.ts): Park–Miller, then Box–Muller from two uniforms in order.
generator <- function(seed) {
  s <- seed
  uniform <- function() {
    s <<- (s * 16807) %% 2147483647
    s / 2147483647
  }
  normal <- function() {
    u1 <- uniform()
    u2 <- uniform()
    sqrt(-2 * log(u1)) * cos(2 * pi * u2)
  }
  list(uniform = uniform, normal = normal)
}

scenarios <- list(
  list(label = "small studies (n 20–40), no heterogeneity", nMin = 20, nMax = 40, tau = 0),
  list(label = "small studies (n 20–40), heterogeneity (SD 0.3)", nMin = 20, nMax = 40, tau = 0.3),
  list(label = "large studies (n 150–300), no heterogeneity", nMin = 150, nMax = 300, tau = 0),
  list(label = "large studies (n 150–300), heterogeneity (SD 0.3)", nMin = 150, nMax = 300, tau = 0.3)
)

covers <- function(lo, hi, truth) !is.na(lo) && lo <= truth && (is.na(hi) || truth <= hi)

run_scenario <- function(sc, seed) {
  g <- generator(seed)
  rate <- log(2) / TRUE_MEDIAN
  s_true <- exp(-rate * 6)
  tally <- list(surv = c(n = 0, bias = 0, cover = 0), median = c(n = 0, bias = 0, cover = 0),
                qe = c(n = 0, bias = 0, cover = 0))
  detail <- list()
  for (r in seq_len(REPLICATES)) {
    rows <- NULL
    med <- data.frame(yi = numeric(0), sei = numeric(0))
    for (i in seq_len(K)) {
      n <- sc$nMin + floor(g$uniform() * (sc$nMax - sc$nMin + 1))
      lambda <- rate * exp(sc$tau * g$normal())
      time <- numeric(n)
      event <- numeric(n)
      et <- numeric(n)
      for (p in seq_len(n)) {
        t <- -log(g$uniform()) / lambda
        cens <- 12 + 24 * g$uniform()
        time[p] <- min(t, cens)
        event[p] <- as.numeric(t <= cens)
        et[p] <- t
      }
      fit <- survfit(Surv(time, event) ~ 1)
      sm <- summary(fit, times = GRID, extend = TRUE)
      surv <- sm$surv
      n_risk <- sapply(GRID, function(t) sum(time >= t))
      last <- max(time)
      # RISCA's rows: S(t_j) with the number at risk at the start of the interval ending at t_j;
      # a study stops at its last follow-up (unless its curve is 0 there), as kmpool's bench
      # passes it, and before an interval that starts at S = 0 or with nobody at risk (which
      # kmpool leaves out and RISCA cannot take: 0/0).
      start_n <- c(n, n_risk[-length(GRID)])
      start_s <- c(1, surv[-length(GRID)])
      keep <- (GRID <= last | surv == 0) & start_s > 0 & start_n > 0
      keep <- cumprod(keep) == 1
      if (any(keep)) {
        rows <- rbind(rows, data.frame(study = i, time = GRID[keep], n.risk = start_n[keep],
                                       surv.rate = surv[keep]))
      }
      q <- sort(et)
      m <- median(q)
      e <- metamedian::qe(min.g1 = q[1], med.g1 = m, max.g1 = q[n], n.g1 = n,
                          pool_studies = FALSE)
      med <- rbind(med, data.frame(yi = log(m), sei = e$sei / m))
    }
    rs <- survival.summary(rows$study, rows$time, rows$n.risk, rows$surv.rate, "Greenwood")
    j6 <- which(rs$summary.random[, 1] == 6)
    s6 <- rs$summary.random[j6, 2:4]
    tally$surv <- tally$surv + c(1, s6[1] - s_true, covers(s6[2], s6[3], s_true))
    mr <- rs$median.random
    if (!is.na(mr[1])) {
      tally$median <- tally$median + c(1, mr[1] - TRUE_MEDIAN, covers(mr[2], mr[3], TRUE_MEDIAN))
    }
    pooled <- rma(yi = med$yi, sei = med$sei, method = "REML")
    qe <- exp(c(as.numeric(pooled$beta), pooled$ci.lb, pooled$ci.ub))
    tally$qe <- tally$qe + c(1, qe[1] - TRUE_MEDIAN, covers(qe[2], qe[3], TRUE_MEDIAN))
    if (r <= DETAIL) {
      detail[[r]] <- list(surv6 = I(unname(s6)), median = I(unname(mr)), qe = I(qe))
    }
  }
  summarise <- function(t) list(count = unname(t["n"]), bias = unname(t["bias"] / t["n"]),
                                coverage = unname(t["cover"] / t["n"]))
  list(label = sc$label, surv6 = summarise(tally$surv), curve_median = summarise(tally$median),
       qe_median = summarise(tally$qe), first = detail)
}

set.seed(11)
out_scenarios <- lapply(seq_along(scenarios), function(i) run_scenario(scenarios[[i]], 1000 + i - 1))

out <- Sys.getenv("KMPOOL_GOLDEN_OUT", script_dir)
writeLines(to_json(list(
  versions = list(risca = risca, metamedian = as.character(packageVersion("metamedian")),
                  metafor = as.character(packageVersion("metafor")),
                  survival = as.character(packageVersion("survival"))),
  replicates = REPLICATES, scenarios = out_scenarios)),
  file.path(out, "statistics-reference.json"))
