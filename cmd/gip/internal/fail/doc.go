// Package fail is gip's one error type and the one place errors become
// exit codes and text: Usagef (255), Localf (1), the kernel's refusals
// (2, printed as its extended ack or as "RTNETLINK answers: ..."), ip's
// fixed complaints (Garbage, Invalid, Duplicate, Incomplete, NoDevice),
// and Fatal for the errors on which ip exits at once even inside a batch.
package fail
