/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parses and validates reported kernel events (ReportKernelEvent's a{sv},
 * the text form of mmcli --report-kernel-event and of --initial-kernel-events
 * lines). A name is checked so it can only ever name an entry of
 * /sys/class/<subsystem>/, never a path. */
#include "md-kernel-event.h"

#include <string.h>

#include "md-errors.h"

#define MAX_NAME 64
#define MAX_UID  1024

static const char *const supported_subsystems[] = {
  "tty", "net", "usbmisc", "usb", "wwan", "rpmsg", "qrtr", NULL,
};

void
md_kernel_event_free (MdKernelEvent *event)
{
  if (!event)
    return;
  g_free (event->subsystem);
  g_free (event->name);
  g_free (event->uid);
  g_free (event);
}

gboolean
md_kernel_event_subsystem_is_supported (const char *subsystem)
{
  return subsystem && g_strv_contains (supported_subsystems, subsystem);
}

static gboolean
is_printable_ascii (const char *text)
{
  for (const char *p = text; *p; p++) {
    if ((guchar)*p < 0x21 || (guchar)*p > 0x7e)
      return FALSE;
  }
  return TRUE;
}

static gboolean
check_name (const char *name, GError **error)
{
  if (!name[0] || strlen (name) > MAX_NAME || !is_printable_ascii (name)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Invalid 'name': 1-%d printable ASCII characters without blanks expected", MAX_NAME);
    return FALSE;
  }
  if (strchr (name, '/') || strstr (name, "..")) {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                         "Invalid 'name': a kernel device name contains no '/' and no '..'");
    return FALSE;
  }
  return TRUE;
}

/* Checks the collected fields and builds the event; takes nothing. */
static MdKernelEvent *
build_event (const char *action, const char *subsystem, const char *name, const char *uid, GError **error)
{
  g_autoptr (MdKernelEvent) event = g_new0 (MdKernelEvent, 1);

  if (!action || !subsystem || !name) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Missing mandatory parameter '%s'",
                 !action      ? "action"
                 : !subsystem ? "subsystem"
                              : "name");
    return NULL;
  }
  if (g_str_equal (action, "add"))
    event->action = MD_KERNEL_EVENT_ADD;
  else if (g_str_equal (action, "remove"))
    event->action = MD_KERNEL_EVENT_REMOVE;
  else {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                         "Invalid 'action': 'add' or 'remove' expected");
    return NULL;
  }
  if (!md_kernel_event_subsystem_is_supported (subsystem)) {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                         "Invalid 'subsystem': one of tty, net, usbmisc, usb, wwan, rpmsg, qrtr expected");
    return NULL;
  }
  if (!check_name (name, error))
    return NULL;
  if (uid && (!uid[0] || strlen (uid) > MAX_UID || !is_printable_ascii (uid))) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                 "Invalid 'uid': 1-%d printable ASCII characters without blanks expected", MAX_UID);
    return NULL;
  }
  event->subsystem = g_strdup (subsystem);
  event->name = g_strdup (name);
  event->uid = g_strdup (uid);
  return g_steal_pointer (&event);
}

/* Stores value under the known key's slot; fails on unknown or repeated keys. */
static gboolean
take_key (const char *key, const char *value, const char **slots, GError **error)
{
  static const char *const keys[] = { "action", "subsystem", "name", "uid" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++) {
    if (!g_str_equal (key, keys[i]))
      continue;
    if (slots[i]) {
      g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Parameter '%s' given twice", keys[i]);
      return FALSE;
    }
    slots[i] = value;
    return TRUE;
  }
  g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                       "Invalid properties: only action, subsystem, name and uid are known");
  return FALSE;
}

MdKernelEvent *
md_kernel_event_from_variant (GVariant *properties, GError **error)
{
  const char *slots[4] = { NULL };
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (!properties || !g_variant_is_of_type (properties, G_VARIANT_TYPE_VARDICT)) {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Properties must be a{sv}");
    return NULL;
  }
  g_variant_iter_init (&iter, properties);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value)) {
    gboolean ok = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING);

    if (!ok)
      g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS,
                           "Invalid properties: every value must be a string");
    else /* The string stays valid with properties, which outlives this call. */
      ok = take_key (key, g_variant_get_string (value, NULL), slots, error);
    g_variant_unref (value);
    if (!ok)
      return NULL;
  }
  return build_event (slots[0], slots[1], slots[2], slots[3], error);
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* Reads one value at *p (quoted or up to the next ',' or blank) into out. */
static gboolean
read_value (const char **p, char **out, GError **error)
{
  const char *start = *p;
  const char *end;

  if (*start == '"' || *start == '\'') {
    end = strchr (start + 1, *start);
    if (!end) {
      g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Unmatched quote in value");
      return FALSE;
    }
    *out = g_strndup (start + 1, end - start - 1);
    *p = end + 1;
    return TRUE;
  }
  end = start;
  while (*end && *end != ',' && *end != ' ' && *end != '\t')
    end++;
  *out = g_strndup (start, end - start);
  *p = end;
  return TRUE;
}

/* Reads "key = value" at *p; leaves *p after the value. */
static gboolean
read_pair (const char **p, char **out_key, char **out_value, GError **error)
{
  const char *start = skip_blanks (*p);
  const char *end = start;

  while (g_ascii_isalnum (*end) || *end == '-' || *end == '_')
    end++;
  if (end == start) {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Expected a key");
    return FALSE;
  }
  *out_key = g_strndup (start, end - start);
  end = skip_blanks (end);
  if (*end != '=') {
    g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Expected '=' after a key");
    return FALSE;
  }
  end = skip_blanks (end + 1);
  if (!read_value (&end, out_value, error))
    return FALSE;
  *p = skip_blanks (end);
  return TRUE;
}

MdKernelEvent *
md_kernel_event_from_string (const char *text, GError **error)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  const char *slots[4] = { NULL };
  const char *p = text;

  while (TRUE) {
    g_autofree char *key = NULL;
    char *value = NULL;

    if (!read_pair (&p, &key, &value, error))
      return NULL;
    g_ptr_array_add (values, value);
    if (!take_key (key, value, slots, error))
      return NULL;
    if (*p == '\0')
      break;
    if (*p != ',') {
      g_set_error_literal (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "Expected ',' between pairs");
      return NULL;
    }
    p++;
  }
  return build_event (slots[0], slots[1], slots[2], slots[3], error);
}

GPtrArray *
md_kernel_event_parse_lines (const char *contents, GPtrArray **out_errors)
{
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify)md_kernel_event_free);
  g_autoptr (GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i]; i++) {
    g_autoptr (GError) error = NULL;
    const char *line = g_strstrip (lines[i]);
    MdKernelEvent *event;

    if (line[0] == '\0' || line[0] == '#')
      continue;
    event = md_kernel_event_from_string (line, &error);
    if (event)
      g_ptr_array_add (events, event);
    else
      g_ptr_array_add (errors, g_strdup_printf ("line %u: %s", i + 1, error->message));
  }
  if (out_errors)
    *out_errors = g_steal_pointer (&errors);
  return g_steal_pointer (&events);
}

GPtrArray *
md_kernel_event_load_file (const char *path, GPtrArray **out_errors, GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  if (memchr (contents, '\0', length)) {
    g_set_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS, "%s: not a text file", path);
    return NULL;
  }
  return md_kernel_event_parse_lines (contents, out_errors);
}
