/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of reported kernel events (src/discovery/md-kernel-event.c):
 * the bytes go to the text parser (mmcli's key=value form), the line parser
 * and the --initial-kernel-events file reader, and, read as a serialized
 * a{sv} (as is and in normal form), to the ReportKernelEvent parser. */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "md-errors.h"
#include "md-kernel-event.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The file the reader is given: a memfd, so no run waits on a disk. */
static char *file_path;
static int file_fd = -1;

static gboolean
is_printable (const char *text, gsize min, gsize max)
{
  gsize len = strlen (text);

  if (len < min || len > max)
    return FALSE;
  for (gsize i = 0; i < len; i++) {
    if ((guchar)text[i] < 0x21 || (guchar)text[i] > 0x7e)
      return FALSE;
  }
  return TRUE;
}

/* What the daemon trusts a parsed event to be. */
static void
check_event (const MdKernelEvent *event)
{
  g_assert_nonnull (event);
  g_assert_true (event->action == MD_KERNEL_EVENT_ADD || event->action == MD_KERNEL_EVENT_REMOVE);
  g_assert_true (md_kernel_event_subsystem_is_supported (event->subsystem));
  g_assert_true (is_printable (event->name, 1, 64));
  g_assert_null (strchr (event->name, '/'));
  g_assert_null (strstr (event->name, ".."));
  g_assert_true (!event->uid || is_printable (event->uid, 1, 1024));
}

static void
check_error (const GError *error)
{
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
assert_same_event (const MdKernelEvent *a, const MdKernelEvent *b)
{
  g_assert_cmpint (a->action, ==, b->action);
  g_assert_cmpstr (a->subsystem, ==, b->subsystem);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->uid, ==, b->uid);
}

/* A value in the text form that reads back as itself, or NULL when the
 * text form cannot hold it (both quote characters and a comma). */
static char *
text_value (const char *value)
{
  if (!strchr (value, ',') && value[0] != '"' && value[0] != '\'')
    return g_strdup (value);
  if (!strchr (value, '"'))
    return g_strdup_printf ("\"%s\"", value);
  if (!strchr (value, '\''))
    return g_strdup_printf ("'%s'", value);
  return NULL;
}

/* A parsed event, written out again in both forms, parses to itself. */
static void
check_round_trip (const MdKernelEvent *event)
{
  const char *action = event->action == MD_KERNEL_EVENT_ADD ? "add" : "remove";
  g_autofree char *name = text_value (event->name);
  g_autofree char *uid = event->uid ? text_value (event->uid) : NULL;
  g_auto (GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  g_autoptr (GVariant) dict = NULL;
  g_autoptr (MdKernelEvent) again = NULL;

  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string (event->name));
  g_variant_builder_add (&builder, "{sv}", "subsystem", g_variant_new_string (event->subsystem));
  g_variant_builder_add (&builder, "{sv}", "action", g_variant_new_string (action));
  if (event->uid)
    g_variant_builder_add (&builder, "{sv}", "uid", g_variant_new_string (event->uid));
  dict = g_variant_ref_sink (g_variant_builder_end (&builder));
  again = md_kernel_event_from_variant (dict, NULL);
  assert_same_event (event, again);
  g_clear_pointer (&again, md_kernel_event_free);

  if (name && (!event->uid || uid)) {
    g_autofree char *text = g_strdup_printf (" subsystem = %s ,name=%s,action=%s%s%s", event->subsystem, name,
                                             action, uid ? ", uid=" : "", uid ? uid : "");

    again = md_kernel_event_from_string (text, NULL);
    assert_same_event (event, again);
  }
}

/* A parser's result: an event that is valid and reads back the same, or
 * an error as the API promises. */
static void
check_result (MdKernelEvent *event, const GError *error)
{
  if (event) {
    g_assert_no_error (error);
    check_event (event);
    check_round_trip (event);
  } else {
    check_error (error);
  }
}

static void
check_text (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdKernelEvent) event = md_kernel_event_from_string (text, &error);

  check_result (event, error);
}

static void
check_lines (const char *text, GPtrArray *events, GPtrArray *errors)
{
  guint lines = 1;

  for (const char *p = text; *p; p++)
    lines += *p == '\n';
  g_assert_cmpuint (events->len + errors->len, <=, lines);
  for (guint i = 0; i < events->len; i++)
    check_event (events->pdata[i]);
  for (guint i = 0; i < errors->len; i++) {
    g_assert_true (g_str_has_prefix (errors->pdata[i], "line "));
    g_assert_true (g_utf8_validate (errors->pdata[i], -1, NULL));
  }
}

/* The file reader gives what the line parser gives, or refuses a NUL. */
static void
check_file (const uint8_t *data, size_t size, GPtrArray *events, GPtrArray *errors)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) file_errors = NULL;
  g_autoptr (GPtrArray) file_events = NULL;

  if (file_fd < 0) {
    file_fd = memfd_create ("fuzz-kernel-event", MFD_CLOEXEC);
    g_assert_cmpint (file_fd, >=, 0);
    file_path = g_strdup_printf ("/proc/self/fd/%d", file_fd);
  }
  g_assert_cmpint (ftruncate (file_fd, 0), ==, 0);
  g_assert_cmpint (size ? pwrite (file_fd, data, size, 0) : 0, ==, (gssize)size);
  file_events = md_kernel_event_load_file (file_path, &file_errors, &error);
  if (size && memchr (data, '\0', size)) {
    g_assert_null (file_events);
    check_error (error);
    return;
  }
  g_assert_no_error (error);
  g_assert_cmpuint (file_events->len, ==, events->len);
  g_assert_cmpuint (file_errors->len, ==, errors->len);
  for (guint i = 0; i < events->len; i++)
    assert_same_event (file_events->pdata[i], events->pdata[i]);
  for (guint i = 0; i < errors->len; i++)
    g_assert_cmpstr (file_errors->pdata[i], ==, errors->pdata[i]);
}

static MdKernelEvent *
check_variant (GVariant *dict)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (MdKernelEvent) event = md_kernel_event_from_variant (dict, &error);

  check_result (event, error);
  return g_steal_pointer (&event);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* libFuzzer may pass NULL for an empty input. */
  g_autofree char *text = size ? g_strndup ((const char *)data, size) : g_strdup ("");
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GPtrArray) events = md_kernel_event_parse_lines (text, &errors);
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GVariant) wire
    = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  g_autoptr (GVariant) normal = g_variant_get_normal_form (wire);
  g_autoptr (MdKernelEvent) from_wire = NULL;
  g_autoptr (MdKernelEvent) from_normal = NULL;

  check_text (text);
  check_lines (text, events, errors);
  check_file (data, size, events, errors);
  from_wire = check_variant (wire);
  from_normal = check_variant (normal);
  g_assert_true (!from_wire == !from_normal);
  if (from_wire)
    assert_same_event (from_wire, from_normal);
  return 0;
}
