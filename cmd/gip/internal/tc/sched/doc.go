// Package sched is what every traffic-control kind shares beyond the
// grammar: the text of tc's units (rates, sizes, times), the packet
// scheduler's clock (/proc/net/psched) and the tick arithmetic behind
// buffers and bursts, and the rate tables tc still sends. Parsing the
// units is the grammar's (grammar/units.go).
package sched
