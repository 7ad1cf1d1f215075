process.stdout.write("The quickstart is being written: see README.md.\n");
