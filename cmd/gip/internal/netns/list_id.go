package netns

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
	"github.com/gip-suite/gip/internal/nl/rtnl"
)

// idView is one line of list-id: an id and the name under /run/netns of
// the namespace it stands for, if there is one.
type idView struct {
	nsid int32
	name string
}

func (v *idView) Fields(f *format.Fields) {
	f.Int("nsid", "nsid %d ", int64(v.nsid))
	if v.name != "" {
		f.String("name", "(iproute2 netns name: %s)", v.name)
	}
	f.Literal("\n")
}

func runListID(e *env.Env, _ []string) error {
	conn, err := e.Conn()
	if err != nil {
		return err
	}
	ids, err := rtnl.NSIDs(conn)
	if err != nil {
		return fail.Kernel(err)
	}
	p := e.Printer()
	for _, id := range ids {
		name, _ := e.Links().NSName(id)
		if err := p.Print(&idView{nsid: id, name: name}); err != nil {
			return err
		}
	}
	return p.Close()
}
