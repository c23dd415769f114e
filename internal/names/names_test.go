package names

import (
	"testing"

	"github.com/gotd/td/tg"
)

func TestOf(t *testing.T) {
	for _, tt := range []struct {
		name string
		user tg.User
		want string
	}{
		{"first and last", tg.User{FirstName: "Ada", LastName: "Lovelace", Username: "ada"}, "Ada Lovelace"},
		{"first only", tg.User{FirstName: "Ada", Username: "ada"}, "Ada"},
		{"last only", tg.User{LastName: "Lovelace", Username: "ada"}, "Lovelace"},
		{"username only", tg.User{Username: "ada", Phone: "15550001111"}, "@ada"},
		{"phone only", tg.User{Phone: "15550001111"}, "+15550001111"},
		{"deleted", tg.User{Deleted: true}, "Deleted Account"},
		{"empty", tg.User{}, "no name"},
		{"blank names", tg.User{FirstName: " ", LastName: " ", Username: "ada"}, "@ada"},
	} {
		if got := Of(&tt.user); got != tt.want {
			t.Errorf("%s: Of(%+v) = %q, want %q", tt.name, tt.user, got, tt.want)
		}
	}
}
