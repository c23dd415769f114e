package command

// cat is the parser's tests' catalogue: the syntax of Persona's commands,
// without their help. The real one is built by the handlers, each command
// in its own file; handlers' tests check its help and examples.
var cat = NewCatalogue(
	Spec{Name: "setphoto", Options: []string{"frame", "bg", "for", "suggest", "add"}, Targets: Many},
	Spec{Name: "suggest", Options: []string{"frame", "bg"}, Targets: Many},
	Spec{Name: "reset", Targets: Many, All: true},
	Spec{Name: "undo", Targets: Many},
	Spec{Name: "hide", Options: []string{"add"}, Targets: Many, All: true},
	Spec{Name: "watch", Targets: Optional, All: true},
	Spec{Name: "keep", Options: []string{"photo", "add"}, Targets: Many},
	Spec{Name: "import", Options: []string{"replace"}, Targets: None},
	Spec{Name: "history", Targets: One},
	Spec{Name: "list", Targets: None},
	Spec{Name: "help", Targets: None, Topic: true},
	Spec{Name: "status", Targets: None},
)
