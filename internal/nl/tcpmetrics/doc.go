// Package tcpmetrics is the kernel's cache of TCP metrics per destination
// (and source) address over generic netlink (family "tcp_metrics",
// linux/tcp_metrics.h): its entries as typed values, their dump, get and
// delete.
package tcpmetrics
