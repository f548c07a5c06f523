/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reported kernel events: ReportKernelEvent's a{sv}, the text form of
 * mmcli --report-kernel-event and --initial-kernel-events files, with the
 * hostile inputs each must refuse. */
#include <glib/gstdio.h>

#include "md-errors.h"
#include "md-kernel-event.h"

/* a{sv} from "key=value" pairs (values strings), or with one non-string. */
static GVariant *
dict (const char *const *pairs, gboolean int_value)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; pairs[i]; i++) {
    g_auto (GStrv) kv = g_strsplit (pairs[i], "=", 2);

    g_variant_builder_add (&builder, "{sv}", kv[0], g_variant_new_string (kv[1] ? kv[1] : ""));
  }
  if (int_value)
    g_variant_builder_add (&builder, "{sv}", "uid", g_variant_new_int32 (3));
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
test_variant (void)
{
  static const struct {
    const char *pairs[6];
    gboolean int_value;
    gboolean ok;
    MdKernelEventAction action;
    const char *uid;
  } cases[] = {
    { { "action=add", "subsystem=tty", "name=ttyUSB0" }, FALSE, TRUE, MD_KERNEL_EVENT_ADD, NULL },
    { { "action=remove", "subsystem=net", "name=wwan0", "uid=/sys/devices/x" },
      FALSE,
      TRUE,
      MD_KERNEL_EVENT_REMOVE,
      "/sys/devices/x" },
    { { "action=add", "subsystem=usbmisc", "name=cdc-wdm0", "uid=USB1" },
      FALSE,
      TRUE,
      MD_KERNEL_EVENT_ADD,
      "USB1" },
    { { "action=add", "subsystem=wwan", "name=wwan0mbim0" }, FALSE, TRUE, MD_KERNEL_EVENT_ADD, NULL },
    { { "subsystem=tty", "name=ttyUSB0" }, FALSE, FALSE },                        /* no action */
    { { "action=add", "name=ttyUSB0" }, FALSE, FALSE },                           /* no subsystem */
    { { "action=add", "subsystem=tty" }, FALSE, FALSE },                          /* no name */
    { { "action=change", "subsystem=tty", "name=ttyUSB0" }, FALSE, FALSE },       /* unknown action */
    { { "action=ADD", "subsystem=tty", "name=ttyUSB0" }, FALSE, FALSE },          /* case matters */
    { { "action=add", "subsystem=block", "name=sda" }, FALSE, FALSE },            /* unknown subsystem */
    { { "action=add", "subsystem=tty", "name=../../etc/passwd" }, FALSE, FALSE }, /* a path */
    { { "action=add", "subsystem=tty", "name=a/b" }, FALSE, FALSE },
    { { "action=add", "subsystem=tty", "name=.." }, FALSE, FALSE },
    { { "action=add", "subsystem=tty", "name=tty..1" }, FALSE, FALSE },
    { { "action=add", "subsystem=tty", "name=" }, FALSE, FALSE },
    { { "action=add", "subsystem=tty", "name=tty USB0" }, FALSE, FALSE },
    { { "action=add", "subsystem=tty", "name=tty\001" }, FALSE, FALSE },
    { { "action=add", "subsystem=tty", "name=ttyUSB0", "uid=" }, FALSE, FALSE },
    { { "action=add", "subsystem=tty", "name=ttyUSB0", "colour=red" }, FALSE, FALSE }, /* unknown key */
    { { "action=add", "subsystem=tty", "name=ttyUSB0" }, TRUE, FALSE },                /* uid not a string */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GVariant) props = dict (cases[i].pairs, cases[i].int_value);
    g_autoptr (GError) error = NULL;
    g_autoptr (MdKernelEvent) event = md_kernel_event_from_variant (props, &error);

    if (!cases[i].ok) {
      g_assert_null (event);
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
      continue;
    }
    g_assert_no_error (error);
    g_assert_cmpint (event->action, ==, cases[i].action);
    g_assert_cmpstr (event->uid, ==, cases[i].uid);
  }
}

static void
test_variant_long_name (void)
{
  g_autofree char *name = g_strnfill (65, 'a');
  g_autofree char *pair = g_strconcat ("name=", name, NULL);
  const char *pairs[] = { "action=add", "subsystem=tty", pair, NULL };
  g_autoptr (GVariant) props = dict (pairs, FALSE);
  g_autoptr (GError) error = NULL;
  g_autoptr (MdKernelEvent) event = md_kernel_event_from_variant (props, &error);
  g_autoptr (GVariant) not_dict = g_variant_ref_sink (g_variant_new_string ("x"));
  g_autoptr (MdKernelEvent) event2 = NULL;

  g_assert_null (event);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  event2 = md_kernel_event_from_variant (not_dict, &error);
  g_assert_null (event2);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
}

static void
test_string (void)
{
  static const struct {
    const char *text;
    const char *subsystem; /* NULL: INVALID_ARGS */
    const char *name;
    const char *uid;
  } cases[] = {
    { "action=add,name=ttyUSB0,subsystem=tty", "tty", "ttyUSB0", NULL },
    { " action = add , name = ttyUSB0 , subsystem = tty ", "tty", "ttyUSB0", NULL },
    { "action='add',name=\"cdc-wdm0\",subsystem=usbmisc,uid='USB 1'", NULL }, /* blank in uid */
    { "action='add',name=\"cdc-wdm0\",subsystem=usbmisc,uid='usb,1'", "usbmisc", "cdc-wdm0",
      "usb,1" }, /* quoted comma */
    { "action=remove,subsystem=net,name=wwan0,uid=/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2", "net",
      "wwan0", "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-2" },
    { "action=add,name=ttyUSB0", NULL },
    { "action=add,name=ttyUSB0,subsystem=tty,", NULL }, /* trailing comma */
    { "action=add;name=ttyUSB0;subsystem=tty", NULL },
    { "action=add,name='ttyUSB0,subsystem=tty", NULL }, /* unmatched quote */
    { "=add,name=ttyUSB0,subsystem=tty", NULL },
    { "action add,name=ttyUSB0,subsystem=tty", NULL },
    { "action=add,action=add,name=ttyUSB0,subsystem=tty", NULL }, /* repeated key */
    { "action=add,name=../ttyUSB0,subsystem=tty", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (MdKernelEvent) event = md_kernel_event_from_string (cases[i].text, &error);

    if (!cases[i].subsystem) {
      g_assert_null (event);
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
      continue;
    }
    g_assert_no_error (error);
    g_assert_cmpstr (event->subsystem, ==, cases[i].subsystem);
    g_assert_cmpstr (event->name, ==, cases[i].name);
    g_assert_cmpstr (event->uid, ==, cases[i].uid);
  }
}

static void
test_lines (void)
{
  const char *contents = "# ports of the board's modem\n"
                         "action=add,subsystem=tty,name=ttyUSB2\n"
                         "\n"
                         "   \n"
                         "action=add,subsystem=net,name=wwan0,uid=board-modem\n"
                         "action=add,subsystem=tty,name=../x\n"
                         "garbage\n"
                         "action=add,subsystem=usbmisc,name=cdc-wdm0";
  g_autoptr (GPtrArray) errors = NULL;
  g_autoptr (GPtrArray) events = md_kernel_event_parse_lines (contents, &errors);
  MdKernelEvent *event;

  g_assert_cmpuint (events->len, ==, 3);
  event = g_ptr_array_index (events, 0);
  g_assert_cmpstr (event->name, ==, "ttyUSB2");
  event = g_ptr_array_index (events, 1);
  g_assert_cmpstr (event->uid, ==, "board-modem");
  event = g_ptr_array_index (events, 2);
  g_assert_cmpstr (event->subsystem, ==, "usbmisc");
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (errors, 0), "line 6: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (errors, 1), "line 7: "));
}

static void
test_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("md-kev-XXXXXX", &error);
  g_autofree char *good = g_build_filename (dir, "events", NULL);
  g_autofree char *binary = g_build_filename (dir, "binary", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr (GPtrArray) events = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (good, "action=add,subsystem=tty,name=ttyS1\n", -1, NULL));
  g_assert_true (g_file_set_contents (binary, "action=add\0,subsystem=tty", 25, NULL));
  events = md_kernel_event_load_file (good, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = md_kernel_event_load_file (binary, NULL, &error);
  g_assert_null (events);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_INVALID_ARGS);
  g_clear_error (&error);
  events = md_kernel_event_load_file (missing, NULL, &error);
  g_assert_null (events);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_unlink (good);
  g_unlink (binary);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/discovery/kernel-event/variant", test_variant);
  g_test_add_func ("/discovery/kernel-event/variant-bad-shape", test_variant_long_name);
  g_test_add_func ("/discovery/kernel-event/string", test_string);
  g_test_add_func ("/discovery/kernel-event/lines", test_lines);
  g_test_add_func ("/discovery/kernel-event/file", test_file);
  return g_test_run ();
}
