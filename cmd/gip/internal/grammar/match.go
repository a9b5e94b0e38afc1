package grammar

// Matches reports whether word is a non-empty prefix of full, the way
// iproute2 accepts abbreviations ("sh" for "show").
func Matches(word, full string) bool {
	return word != "" && len(word) <= len(full) && full[:len(word)] == word
}

// Lookup returns the first name in names, in order, that word abbreviates.
// The order is iproute2's, which settles ambiguities ("s" is "set" for a
// link because set is tried before show).
func Lookup(word string, names []string) (string, bool) {
	for _, n := range names {
		if Matches(word, n) {
			return n, true
		}
	}
	return "", false
}
