# Reference values for src/psychometrics classical statistics (alpha, omega, r.drop, alpha if deleted).
# Run: Rscript test/reference/psychometrics/classical.R   (from the repository root; tests never run R)
# Writes classical-data.csv (the data) and classical-key.json, classical-reference.json (the numbers).
suppressPackageStartupMessages(library(psych))
library(jsonlite)
set.seed(20240517)
dir <- "test/reference/psychometrics"
n <- 300
likert <- function(theta, loading, shift) {
  z <- loading * theta + sqrt(1 - loading^2) * rnorm(length(theta)) + shift
  as.integer(cut(z, breaks = c(-Inf, -1.5, -0.7, 0, 0.7, 1.5, Inf)))
}
f1 <- rnorm(n); f2 <- 0.3 * f1 + sqrt(1 - 0.09) * rnorm(n)
d <- data.frame(id = sprintf("r%03d", 1:n),
  A1 = likert(f1, 0.7, 0), A2 = likert(f1, 0.6, 0.2), A3 = likert(-f1, 0.5, 0),
  A4 = likert(f1, 0.8, -0.3), A5 = likert(-f1, 0.4, 0.1), A6 = likert(f1, 0.55, 0.4),
  B1 = likert(f2, 0.6, 0), B2 = likert(f2, 0.7, -0.2), B3 = likert(f2, 0.5, 0.3),
  B4 = likert(-f2, 0.65, 0), B5 = likert(f2, 0.3, 0))
# Missing answers: about 3 % of cells.
for (col in 2:ncol(d)) d[runif(n) < 0.03, col] <- NA
write.csv(d, file.path(dir, "classical-data.csv"), row.names = FALSE, na = "", quote = FALSE)
key <- list(min = 1, max = 6, scales = list(
  A = c("A1", "A2", "-A3", "A4", "-A5", "A6"),
  B = c("B1", "B2", "B3", "-B4", "B5")))
write(toJSON(key, auto_unbox = TRUE, pretty = TRUE), file.path(dir, "classical-key.json"))

scales <- list()
for (name in names(key$scales)) {
  spec <- key$scales[[name]]
  rev <- startsWith(spec, "-"); cols <- sub("^-", "", spec)
  x <- d[, cols]
  x <- x[complete.cases(x), ]                       # listwise per scale
  for (i in which(rev)) x[, i] <- key$min + key$max - x[, i]
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
  o <- suppressWarnings(suppressMessages(psych::omega(x, nfactors = 1, fm = "minres", plot = FALSE)))
  f <- suppressWarnings(psych::fa(cor(x), nfactors = 1, fm = "minres"))
  score <- rowMeans(x)
  scales[[length(scales) + 1]] <- list(
    scale = name, n = nrow(x), mean = mean(score), sd = sd(score),
    alpha = a$total$raw_alpha, omega = o$omega.tot,
    sem = sd(score) * sqrt(1 - a$total$raw_alpha),
    loadings = as.numeric(f$loadings[, 1]),
    items = lapply(seq_along(cols), function(i) list(item = cols[i], reversed = rev[i],
      rDrop = a$item.stats$r.drop[i], alphaIfDeleted = a$alpha.drop$raw_alpha[i])))
}
write(toJSON(list(generatedBy = paste("psych", packageVersion("psych"), R.version.string), scales = scales),
  auto_unbox = TRUE, pretty = TRUE, digits = NA), file.path(dir, "classical-reference.json"))
