"""cli: the `lawcli` command — arguments in, the library called, output and exit codes out.

    entry      the console script: plain everyday commands take the quick path
    options    the everyday commands' arguments, declared once
    quickargs  the quick parser built from options (no typer at start-up)
    declare    the typer commands built from options, and shared option types
    app        the typer application: help, mistakes, every other command
    commands/  one module per group of commands; run_command for the everyday ones
    kit        reading FILE (through the cache), writing output, errors → exit codes
    cache      the parse cache, keyed by the file's bytes and the parser's code

Only this package prints, imports typer or rich, or knows the cache exists.
"""
