/* cputime.c - run a command with stdin and stdout redirected, and print
 * the CPU time (user + system) it and its children used, in seconds.
 *
 *     cputime IN OUT COMMAND [ARG...]
 *
 * CPU time, not wall time: on a loaded machine a process waits for a core
 * but its CPU time barely changes, which is what makes the pathological
 * table's growth checks hold on a busy CI runner (tests/pathological/
 * README.md).  Exits with the command's status (128+N for a signal). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: cputime IN OUT COMMAND [ARG...]\n");
		return 2;
	}
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		int in = open(argv[1], O_RDONLY);
		int out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0666);
		if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0) {
			perror("cputime: redirect");
			_exit(127);
		}
		close(in);
		close(out);
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	int status;
	struct rusage ru;
	if (wait4(pid, &status, 0, &ru) != pid) {
		perror("wait4");
		return 2;
	}
	double t = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	           (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	printf("%.3f\n", t);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
