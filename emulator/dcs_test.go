package emulator_test

import (
	"bytes"
	"context"
	"net"
	"strconv"
	"testing"

	"github.com/gotd/td/tg"
	"github.com/gotd/td/tgerr"

	"persona/emulator"
)

// callOn finds the first logged call of method on DC dc after seq, failing
// the test when there is none.
func callOn(t *testing.T, e *emulator.Emulator, after int, method string, dc int) emulator.Event {
	t.Helper()
	for _, ev := range e.Events() {
		if ev.Seq > after && ev.Kind == emulator.EventRPC && ev.Method == method && ev.DC == dc {
			return ev
		}
	}
	t.Fatalf("no %s on DC %d after event %d", method, dc, after)
	return emulator.Event{}
}

// errType is the RPC error of an event, "" when it succeeded.
func errType(ev emulator.Event) string {
	if ev.Err == nil {
		return ""
	}
	return ev.Err.Type
}

// TestConfigListsDCs checks that help.getConfig names every DC with the
// address a client must dial, and this_dc as the DC asked.
func TestConfigListsDCs(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	_, c := loggedIn(t, e)
	ctx := testContext(t)
	if got := e.DCs(); len(got) != 2 || got[0] != 2 || got[1] != 4 {
		t.Fatalf("DCs = %v, want [2 4]", got)
	}
	cfg, err := c.api.HelpGetConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.ThisDC != 2 {
		t.Errorf("this_dc = %d, want 2", cfg.ThisDC)
	}
	for _, dc := range e.DCs() {
		found := false
		for _, o := range cfg.DCOptions {
			if o.ID == dc && !o.Ipv6 && o.IPAddress == "127.0.0.1" && e.DCAddr(dc) == net.JoinHostPort(o.IPAddress, strconv.Itoa(o.Port)) {
				found = true
			}
		}
		if !found {
			t.Errorf("config has no IPv4 option for DC %d at %s: %+v", dc, e.DCAddr(dc), cfg.DCOptions)
		}
	}
}

// TestFileOnOtherDC downloads a photo that lives on DC 4 with a client
// logged in on DC 2: gotd meets FILE_MIGRATE_4, exports the authorization
// on DC 2, imports it on DC 4 and fetches the parts there.
func TestFileOnOtherDC(t *testing.T) {
	t.Parallel()
	e := start(t, emulator.Options{})
	a, c := loggedIn(t, e)
	ctx := testContext(t)
	jpeg := emulator.JPEG(640, 480, 600*1024) // two 512 KiB parts
	id, err := e.Post(a.ID, emulator.Message{Media: emulator.Photo(jpeg).OnDC(4)})
	if err != nil {
		t.Fatal(err)
	}
	p := fetch(t, ctx, c, id).Media.(*tg.MessageMediaPhoto).Photo.(*tg.Photo)
	if p.DCID != 4 {
		t.Fatalf("photo on DC %d, want 4", p.DCID)
	}
	before := e.LastSeq()
	data, _, err := download(ctx, c.api, photoLocation(p, "y"))
	if err != nil {
		t.Fatalf("download: %v", err)
	}
	if !bytes.Equal(data, jpeg) {
		t.Fatal("downloaded bytes differ")
	}
	if ev := callOn(t, e, before, "upload.getFile", 2); errType(ev) != "FILE_MIGRATE" || ev.Err.Argument != 4 {
		t.Errorf("getFile on DC 2: %v, want FILE_MIGRATE_4", ev.Err)
	}
	export := callOn(t, e, before, "auth.exportAuthorization", 2)
	if export.Err != nil || export.Request.(*tg.AuthExportAuthorizationRequest).DCID != 4 {
		t.Errorf("export on DC 2: %+v, want one for DC 4", export)
	}
	if ev := callOn(t, e, export.Seq, "auth.importAuthorization", 4); ev.Err != nil {
		t.Errorf("import on DC 4: %v", ev.Err)
	}
	if ev := callOn(t, e, export.Seq, "upload.getFile", 4); ev.Err != nil {
		t.Errorf("getFile on DC 4: %v", ev.Err)
	}
	testForgetImported(t, ctx, e, c, p, jpeg)
}

// testForgetImported makes DC 4 forget the import. gotd v0.162.0 does not
// import again on its own: its connection to DC 4 stays and the download
// fails with AUTH_KEY_UNREGISTERED. A new pool to DC 4 (Client.DC) exports
// and imports again for the same key, after which downloads work.
func testForgetImported(t *testing.T, ctx context.Context, e *emulator.Emulator, c *client, p *tg.Photo, jpeg []byte) {
	e.ForgetImported(4)
	before := e.LastSeq()
	_, _, err := download(ctx, c.api, photoLocation(p, "y"))
	if !tgerr.Is(err, "AUTH_KEY_UNREGISTERED") {
		t.Fatalf("download after ForgetImported: err = %v, want AUTH_KEY_UNREGISTERED", err)
	}
	if ev := callOn(t, e, before, "upload.getFile", 4); errType(ev) != "AUTH_KEY_UNREGISTERED" {
		t.Errorf("getFile on DC 4 after ForgetImported: %v", ev.Err)
	}
	inv, err := c.DC(ctx, 4, 1)
	if err != nil {
		t.Fatalf("new pool to DC 4: %v", err)
	}
	_ = inv.Close()
	data, _, err := download(ctx, c.api, photoLocation(p, "y"))
	if err != nil || !bytes.Equal(data, jpeg) {
		t.Fatalf("download after a new import: %v", err)
	}
}
