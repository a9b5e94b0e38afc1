package netns

import (
	"github.com/gip-suite/gip/cmd/gip/internal/env"
	"github.com/gip-suite/gip/cmd/gip/internal/fail"
	"github.com/gip-suite/gip/internal/format"
)

// nameView is one line of list: a name and, when this namespace gave it
// one, its id.
type nameView struct {
	name string
	id   int32 // -1: none
}

func (v *nameView) Fields(f *format.Fields) {
	f.String("name", "%s", v.name)
	if v.id >= 0 {
		f.Int("id", " (id: %d)", int64(v.id))
	}
	f.Literal("\n")
}

func runList(e *env.Env, args []string) error {
	if len(args) > 0 {
		return fail.Garbage("list", args[0])
	}
	// Without a socket the names still print, without ids.
	conn, _ := e.Conn()
	p := e.Printer()
	for _, name := range env.NetnsDirNames() {
		id := int32(-1)
		if conn != nil {
			if n, err := env.NSIDOfName(conn, name); err == nil {
				id = n
			}
		}
		if err := p.Print(&nameView{name: name, id: id}); err != nil {
			return err
		}
	}
	return p.Close()
}
