/* main.c: `chipcycle COMMAND …` runs the command line tool, which never loads GTK; no command
 * (only the window's options) starts the graphical application in its own binary, and anything
 * else is an unknown command, refused here. Keeping GTK out of this process makes a
 * headless `chipcycle export` start several times faster. The network libraries stay out too:
 * `chipcycle fetch` is handed to the application's binary, which links them. */
#define G_LOG_DOMAIN "chipcycle"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#include <sys/mman.h>
#endif

#include "cc-bench.h"
#include "cc-cli.h"

#define APP_BINARY "chipcycle-app"
/* As for any command's bad arguments. */
#define EXIT_USAGE 2

/* Next to this binary in a build tree, else where meson installs it. */
static char *
find_app_binary (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      g_autofree char *sibling = g_build_filename (dir, APP_BINARY, NULL);

      if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&sibling);
    }
  return g_build_filename (LIBEXECDIR, APP_BINARY, NULL);
}

/* The one speed trick of an export that measurably pays (bench/compare-tricks.py, which turns
 * it off with CHIPCYCLE_BENCH_PLAIN=heap; bench/README.md has the figures: it saves a tenth to
 * a fifth of an export's wall and CPU time, while an mmap'd pixel buffer, an own PNG encoder
 * and an own number parser each saved under 5% on top of it and went).
 * A command is a short-lived process that touches each page of its heap once: every fresh
 * 4 KiB page costs a page fault (several microseconds in a virtual machine; a PNG export
 * takes a thousand of them). So the heap grows in one 32 MiB step, is never trimmed, takes
 * large blocks too (instead of a fresh mapping each), is shared by the threads (instead of an
 * arena each), and is offered to the kernel for transparent huge pages: where the kernel
 * agrees, a 2 MiB page takes one fault. The same as glibc's tunables hugetlb=1,
 * arena_max=1, top_pad and mmap_threshold, which an environment variable would have to set
 * before the process starts. Every step is a hint: if one is refused, nothing breaks. */
static void
tune_heap (void)
{
#if defined (__GLIBC__) && defined (M_ARENA_MAX)
  const size_t pad = 32u << 20, huge = 2u << 20;
  guintptr start, end;

  mallopt (M_ARENA_MAX, 1);
  mallopt (M_TRIM_THRESHOLD, (int) (2 * pad));
  mallopt (M_TOP_PAD, (int) pad);
  mallopt (M_MMAP_THRESHOLD, (int) pad);

  /* Grow the heap now, then hint what it grew by (nothing if it could not grow in place). */
  start = (guintptr) sbrk (0);
  {
    /* volatile: a compiler may drop a malloc whose block is only freed. */
    void *volatile block = malloc (huge);

    free (block);
  }
  end = (guintptr) sbrk (0);
#ifdef MADV_HUGEPAGE
  start = (start + huge - 1) & ~((guintptr) huge - 1);
  end &= ~((guintptr) huge - 1);
  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *app = NULL;
  /* CHIPCYCLE_LOCALEDIR lets `build-aux/dev run` use the catalogues of the build tree. */
  const char *localedir = g_getenv ("CHIPCYCLE_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc > 1 && cc_cli_handles (argv[1]) && !cc_cli_needs_network (argc, argv))
    {
      if (!cc_bench_plain ("heap"))
        tune_heap ();
      return cc_cli_run (argc, argv);
    }
  /* Not a command: then only the window's options may follow. A mistyped command is said to
   * be one here, rather than handed to the window program to be taken for something else. */
  if (argc > 1 && !cc_cli_handles (argv[1]) && !cc_cli_check_app_arguments (argc, argv))
    return EXIT_USAGE;

  app = find_app_binary ();
  argv[0] = app;
  execv (app, argv);

  /* Translators: %s is a file path, the second %s the system's reason. */
  fprintf (stderr, _("chipcycle: cannot start the application %s: %s\n"), app,
           g_strerror (errno));
  return 1;
}
