/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checks that every enum and error code of src/common (MD_*) has the value of
 * its counterpart in the official ModemManager headers (MM_*). The pairs are
 * generated at build time by gen-enum-checks.py; without the official
 * headers the test is skipped. */

#include <glib.h>

#include "md-enums.h"
#include "md-errors.h"

typedef struct {
  const gchar *mm_name;
  guint32 mm_value;
  const gchar *md_name;
  guint32 md_value;
  gboolean md_present;
} EnumCheck;

#if MD_HAVE_MM_HEADERS
#include <ModemManager.h>
#include "md-enum-checks.h"
#endif

static void
test_values_match (void)
{
#if MD_HAVE_MM_HEADERS
  guint bad = 0;

  g_assert_cmpuint (G_N_ELEMENTS (enum_checks), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (enum_checks); i++) {
    const EnumCheck *c = &enum_checks[i];

    if (!c->md_present) {
      g_test_message ("%s is missing (%s = %u)", c->md_name, c->mm_name, c->mm_value);
      bad++;
    } else if (c->md_value != c->mm_value) {
      g_test_message ("%s = %u but %s = %u", c->md_name, c->md_value, c->mm_name, c->mm_value);
      bad++;
    }
  }
  g_test_message ("%u MM_ enumerators compared", (guint)G_N_ELEMENTS (enum_checks));
  if (bad)
    g_test_fail_printf ("%u of %u enumerators differ from ModemManager.h (see messages)", bad,
                        (guint)G_N_ELEMENTS (enum_checks));
#else
  g_test_skip ("official ModemManager.h not found (install modemmanager-dev)");
#endif
}

/* Values ModemManager added after Debian 12's 1.20 headers, from the
 * 1.22 and 1.24 ModemManager-errors.h: checked here by value, and the only
 * MD_ names allowed without an MM_ counterpart in the installed headers. */
static const struct {
  const gchar *name;
  guint32 ours;
  guint32 official;
} later_api[] = {
  { "MD_CORE_ERROR_RESET_AND_RETRY", MD_CORE_ERROR_RESET_AND_RETRY, 15 },
  { "MD_CORE_ERROR_TIMEOUT", MD_CORE_ERROR_TIMEOUT, 16 },
  { "MD_CORE_ERROR_PROTOCOL", MD_CORE_ERROR_PROTOCOL, 17 },
  { "MD_CORE_ERROR_THROTTLED", MD_CORE_ERROR_THROTTLED, 18 },
};

static G_GNUC_UNUSED gboolean
is_later_api (const gchar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (later_api); i++) {
    if (g_str_equal (later_api[i].name, name))
      return TRUE;
  }
  return FALSE;
}

static void
test_later_api (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (later_api); i++)
    g_assert_cmpuint (later_api[i].ours, ==, later_api[i].official);
}

static void
test_no_extras (void)
{
#if MD_HAVE_MM_HEADERS
  guint n = 0;

  for (guint i = 0; md_extras[i]; i++) {
    if (is_later_api (md_extras[i]))
      continue;
    g_test_message ("%s has no MM_ counterpart", md_extras[i]);
    n++;
  }
  if (n)
    g_test_fail_printf ("%u MD_ enumerators are not in ModemManager.h (see messages)", n);
#else
  g_test_skip ("official ModemManager.h not found (install modemmanager-dev)");
#endif
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/enums/values-match", test_values_match);
  g_test_add_func ("/enums/no-extras", test_no_extras);
  g_test_add_func ("/enums/later-api", test_later_api);
  return g_test_run ();
}
