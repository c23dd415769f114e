package gopanic

import (
	"strings"
	"sync"
	"testing"
)

func boom() { panic("boom") }

func TestRethrowCarriesValueAndStack(t *testing.T) {
	c := Catcher{Where: "a test goroutine"}
	stopped := 0
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Catch(func() { stopped++ })
			if i == 1 {
				boom()
			}
		}()
	}
	wg.Wait()
	if stopped != 1 {
		t.Fatalf("then ran %d times, want once", stopped)
	}
	defer func() {
		p, ok := recover().(*Panic)
		if !ok {
			t.Fatal("Rethrow did not panic with a *Panic")
		}
		if Value(p) != "boom" || !strings.Contains(p.String(), "gopanic.boom") || !strings.Contains(p.String(), "a test goroutine") {
			t.Fatalf("carried panic lacks its value, stack or place:\n%s", p)
		}
	}()
	c.Rethrow()
	t.Fatal("Rethrow returned")
}

func TestRethrowWithoutPanic(t *testing.T) {
	var c Catcher
	func() { defer c.Catch(nil) }()
	c.Rethrow()
	if Value("x") != "x" {
		t.Fatal("Value changed a plain value")
	}
}
