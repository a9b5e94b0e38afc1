// Package progress tells a person at a terminal how far a long run is: a
// single status line on standard error, redrawn in place at most ten
// times a second and erased at the end. It prints nothing when the
// stream is not a terminal (piped, redirected), so scripts and JSON
// consumers never see it.
package progress
