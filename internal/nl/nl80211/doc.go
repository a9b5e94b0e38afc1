// Package nl80211 speaks the kernel's wifi configuration API (cfg80211's
// nl80211 generic netlink family): wireless interfaces, the radios (wiphys)
// with their bands, frequencies, bitrates, ciphers and interface modes,
// scans and their results (BSS entries with their information elements,
// decoded for SSID, rates, RSN and more), stations, the regulatory domain,
// connecting to open networks and disconnecting, and changing interfaces.
//
// A Client is one socket bound to the family; Dial fails with ErrNotFound on
// kernels without cfg80211. Values are decoded into plain Go types without
// presentation: optional numbers the kernel may leave out are pointers, so
// "absent" and "zero" stay apart. Information elements are kept raw in BSS
// and decoded on demand with ParseIEs and the IE methods.
package nl80211
