// Package atomic makes a batch all or nothing (gip -atomic -batch).
//
// The kernel has no transactions for rtnetlink, so an atomic batch is a
// pre-image and a way back to it. Before the batch first changes an
// object type (links, addresses, routes, rules, nexthops, neighbours,
// bridge fdb entries, qdiscs, classes, filters), a Txn dumps that type once, and the types a change
// of it can alter as a side effect (a link's deletion takes its addresses,
// routes, neighbours and nexthops with it; an address brings routes;
// a nexthop's deletion takes its routes). It keeps each object's identity
// and the attributes that describe it, not the batch's lines: a batch of
// 100k route additions into an empty table keeps a pre-image of a few
// routes, and its rollback finds the additions as the routes the pre-image
// lacks.
//
// Rollback restores the pre-image type by type, in the order the
// dependencies ask for: what the batch created is deleted (filters,
// classes, qdiscs, rules, routes,
// neighbours, nexthops, addresses, then links), then what it deleted or
// changed is put back (links with their ifindex, name, addresses, master
// and state, then addresses, nexthops, routes, neighbours, rules, qdiscs,
// classes and filters), each
// type read again before it is restored, since the kernel removes objects
// without a word when a link goes down or away. Verify then dumps every
// touched type again and lists what still differs from the pre-image.
package atomic
