# A small JSON writer with full precision, sourced by the golden-value scripts here: every
# number is written with sprintf("%.17g") so that it round-trips to the same double in
# JavaScript; R's NA, NaN and Inf become null. Vectors wrapped in I() are always arrays; other
# atomic vectors of length 1 are scalars.

json_str <- function(s) {
  s <- gsub("\\\\", "\\\\\\\\", s)
  s <- gsub("\"", "\\\\\"", s)
  paste0("\"", s, "\"")
}
# Vectors wrapped in I() are always arrays; other atomic vectors of length 1 are scalars.
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x) && !inherits(x, "AsIs")) {
    if (length(x) == 0) return(if (is.null(names(x))) "[]" else "{}")
    if (!is.null(names(x))) {
      parts <- vapply(seq_along(x), function(i) paste0(json_str(names(x)[i]), ":", to_json(x[[i]])), "")
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, to_json, ""), collapse = ","), "]"))
  }
  as_array <- inherits(x, "AsIs") || length(x) != 1
  x <- unclass(x)
  if (length(x) == 0) return("[]")
  v <- if (is.character(x) || is.factor(x)) {
    json_str(as.character(x))
  } else if (is.logical(x)) {
    ifelse(is.na(x), "null", ifelse(x, "true", "false"))
  } else {
    x <- as.numeric(x)
    ifelse(is.finite(x), sprintf("%.17g", x), "null")
  }
  if (as_array) paste0("[", paste(v, collapse = ","), "]") else v
}
