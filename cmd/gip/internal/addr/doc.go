// Package addr is `gip address`: add, change, replace, delete, show and
// flush. Listing reuses the link package's selectors and views.
package addr
