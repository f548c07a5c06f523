/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of the AT port (src/port/md-at-port*.c): the input is a
 * script of steps that queue commands (plain, with an SMS payload, a dial
 * that switches to data mode), cancel them, add and remove unsolicited
 * handlers, return to command mode, close and reopen, and above all feed
 * bytes as the modem sends them, through md_at_port_feed (the port's own
 * input path). The port writes to /dev/null. Every command must complete
 * exactly once, with text or an error. */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "md-at-port-private.h"
#include "fuzz-log.h"
#include "md-errors.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define NEVER_MS     (3600 * 1000)
#define MAX_COMMANDS 64

typedef struct {
  const guint8 *data;
  gsize left;
  MdAtPort *port;
  guint started;
  guint completed;
  GPtrArray *cancellables;
  GArray *handler_ids;
} Run;

static guint
take_byte (Run *run)
{
  guint b;

  if (!run->left)
    return 0;
  b = run->data[0];
  run->data++;
  run->left--;
  return b;
}

static void
check_error (const GError *error)
{
  g_assert_true (error->domain == MD_CORE_ERROR || error->domain == MD_MOBILE_EQUIPMENT_ERROR
                 || error->domain == MD_SERIAL_ERROR || error->domain == MD_CONNECTION_ERROR
                 || error->domain == MD_MESSAGE_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
command_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = md_at_port_command_finish (MD_AT_PORT (source), result, &error);

  g_assert_true ((text == NULL) != (error == NULL));
  if (error)
    check_error (error);
  else
    g_assert_null (strchr (text, '\r'));
  run->completed++;
}

static const char *const commands[] = {
  "AT", "ATI", "AT+CGMI", "AT+CREG?", "AT^SYSINFO", "AT+COPS=?", "AT#PSNT?", "AT+CPIN?",
};

static void
queue (Run *run, guint kind)
{
  guint pick = take_byte (run);
  GCancellable *cancellable = NULL;

  if (run->started >= MAX_COMMANDS)
    return;
  if (pick & 0x80) {
    cancellable = g_cancellable_new ();
    g_ptr_array_add (run->cancellables, cancellable);
  }
  run->started++;
  if (kind == 1)
    md_at_port_command_with_payload (run->port, "AT+CMGS=18",
                                     "0011000B916407281553F80000AA0AE8329BFD4697D9EC37", NEVER_MS,
                                     cancellable, command_done, run);
  else if (kind == 2)
    md_at_port_command (run->port, "ATD*99***1#", NEVER_MS, cancellable, command_done, run);
  else
    md_at_port_command (run->port, commands[pick % G_N_ELEMENTS (commands)], NEVER_MS, cancellable,
                        command_done, run);
}

/* Handlers react as plugins do: one queues a command, one leaves data
 * mode, one removes itself. */
static void
unsolicited (MdAtPort *port, const char *line, gpointer user_data)
{
  Run *run = user_data;

  g_assert_nonnull (line);
  g_assert_null (strpbrk (line, "\r\n"));
  if (g_str_has_prefix (line, "+CMTI:") && run->started < MAX_COMMANDS) {
    run->started++;
    md_at_port_command (port, "AT+CMGR=1", NEVER_MS, NULL, command_done, run);
  } else if (g_str_has_prefix (line, "NO CARRIER")) {
    md_at_port_set_data_mode (port, FALSE);
  } else if (g_str_has_prefix (line, "RING") && run->handler_ids->len) {
    md_at_port_remove_unsolicited_handler (port, g_array_index (run->handler_ids, guint, 0));
    g_array_remove_index (run->handler_ids, 0);
  }
}

static const char *const prefixes[] = { "+CREG:", "NO CARRIER", "RING", "+CMTI:", "^MODE:", "+CGMI:", "O" };

static void
add_handler (Run *run)
{
  const char *prefix = prefixes[take_byte (run) % G_N_ELEMENTS (prefixes)];
  guint id = md_at_port_add_unsolicited_handler (run->port, prefix, unsolicited, run, NULL);

  g_array_append_val (run->handler_ids, id);
}

static void
feed (Run *run)
{
  gsize len = (gsize)take_byte (run) + 1;

  len = MIN (len, run->left);

  md_at_port_feed (run->port, run->data, len);
  run->data += len;
  run->left -= len;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The port as md_at_port_open leaves it, on a descriptor that takes every
 * write; reads never happen, the script feeds instead. */
static void
open_port (MdAtPort *port)
{
  port->fd = open ("/dev/null", O_RDWR | O_CLOEXEC);
  g_assert_cmpint (port->fd, >=, 0);
  port->kind = MD_PORT_FD_OTHER;
  port->generation++;
}

static void
step (Run *run)
{
  guint b = take_byte (run);

  switch (b % 10) {
  case 0:
  case 1:
  case 2: queue (run, b % 10); break;
  case 3: feed (run); break;
  case 4:
    if (run->cancellables->len)
      g_cancellable_cancel (g_ptr_array_index (run->cancellables, b % run->cancellables->len));
    break;
  case 5: md_at_port_set_data_mode (run->port, FALSE); break;
  case 6: add_handler (run); break;
  case 7:
    if (run->handler_ids->len) {
      md_at_port_remove_unsolicited_handler (run->port, g_array_index (run->handler_ids, guint, 0));
      g_array_remove_index (run->handler_ids, 0);
    }
    break;
  case 8: iterate (); break;
  case 9:
    md_at_port_close (run->port);
    open_port (run->port);
    break;
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  Run run = { data, size, md_at_port_new ("fuzz"), 0, 0, NULL, NULL };

  fuzz_log_setup_once ();
  run.cancellables = g_ptr_array_new_with_free_func (g_object_unref);
  run.handler_ids = g_array_new (FALSE, FALSE, sizeof (guint));
  open_port (run.port);
  while (run.left)
    step (&run);
  iterate ();
  md_at_port_close (run.port);
  iterate ();
  g_assert_cmpuint (run.completed, ==, run.started);
  g_object_unref (run.port);
  g_ptr_array_unref (run.cancellables);
  g_array_unref (run.handler_ids);
  return 0;
}
