/*
 * main.c - the casustafel program: everything happens in cli_main(), so
 * that unit tests can run the same path with memory streams.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <unistd.h>

#include "util/banned.h"

extern char **environ;

int
main(int argc, char **argv)
{
	return cli_main(argc, argv, environ, stdout, stderr);
}
