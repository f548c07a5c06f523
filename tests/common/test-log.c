/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Log levels, personal-data masking and the file sink. */
#include <glib/gstdio.h>

#include "md-errors.h"
#include "md-log.h"

static void
test_level_names (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    MdLogLevel level;
  } cases[] = {
    { "ERR", TRUE, MD_LOG_LEVEL_ERR },
    { "warn", TRUE, MD_LOG_LEVEL_WARN },
    { "Info", TRUE, MD_LOG_LEVEL_INFO },
    { "DEBUG", TRUE, MD_LOG_LEVEL_DEBUG },
    { "TRACE", TRUE, MD_LOG_LEVEL_DEBUG },
    { "LOUD", FALSE, 0 },
    { "", FALSE, 0 },
    { "DEBUG;", FALSE, 0 },
    { "DEBUG\n", FALSE, 0 },
    { " DEBUG", FALSE, 0 },
    { "DEBUG\";+CFUN=4", FALSE, 0 },
    { "D\xc3\xa9"
      "BUG",
      FALSE, 0 },
    { NULL, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    MdLogLevel level = MD_LOG_LEVEL_INFO;
    gboolean ok = md_log_level_from_string (cases[i].text, &level, &error);

    g_assert_cmpint (ok, ==, cases[i].ok);
    if (ok)
      g_assert_cmpint (level, ==, cases[i].level);
    else
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  }
  g_assert_cmpstr (md_log_level_to_string (MD_LOG_LEVEL_WARN), ==, "WARN");
}

static void
test_personal_masking (void)
{
  md_log_set_personal_info (FALSE);
  g_assert_cmpstr (md_log_personal ("862636050012345"), !=, "862636050012345");
  md_log_set_personal_info (TRUE);
  g_assert_cmpstr (md_log_personal ("862636050012345"), ==, "862636050012345");
  md_log_set_personal_info (FALSE);
}

static void
test_file_sink_and_levels (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("md-log-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "log", NULL);
  g_autofree char *contents = NULL;

  g_assert_no_error (error);
  g_assert_true (md_log_setup (MD_LOG_LEVEL_INFO, path, FALSE, FALSE, &error));
  md_log_info ("modem0", "visible %d", 1);
  md_log_debug ("modem0", "hidden %d", 2);
  md_log_set_level (MD_LOG_LEVEL_DEBUG);
  md_log_debug ("ttyUSB2/at", "now visible %d", 3);
  md_log_shutdown ();

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "<INFO> [modem0] visible 1"));
  g_assert_null (strstr (contents, "hidden 2"));
  g_assert_nonnull (strstr (contents, "<DEBUG> [ttyUSB2/at] now visible 3"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/log/level-names", test_level_names);
  g_test_add_func ("/log/personal-masking", test_personal_masking);
  g_test_add_func ("/log/file-sink", test_file_sink_and_levels);
  return g_test_run ();
}
