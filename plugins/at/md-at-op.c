/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See md-at-op.h. The helpers keep their state on the task under a key
 * of their own (op_state), never in its task data, which stays the op's. */
#include "md-at-op.h"

#include "md-errors.h"

#define OP_STATE_KEY "md-at-op-state"

static void
set_state (GTask *task, gpointer state)
{
  g_object_set_data_full (G_OBJECT (task), OP_STATE_KEY, state, g_free);
}

static gpointer
get_state (GTask *task)
{
  return g_object_get_data (G_OBJECT (task), OP_STATE_KEY);
}

typedef struct {
  MdAtParseInt parse_int;
  MdAtParsePointer parse_pointer;
  GDestroyNotify destroy;
} OpParser;

static void
op_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  OpParser *parser = get_state (task);
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);
  gssize value = 0;
  gpointer pointer;

  if (!response) {
    g_task_return_error (task, error);
  } else if (!parser) {
    g_task_return_boolean (task, TRUE);
  } else if (parser->parse_int) {
    if (parser->parse_int (response, &value, &error))
      g_task_return_int (task, value);
    else
      g_task_return_error (task, error);
  } else {
    pointer = parser->parse_pointer (response, &error);
    if (pointer)
      g_task_return_pointer (task, pointer, parser->destroy);
    else
      g_task_return_error (task, error);
  }
}

static void
run (MdModem *modem, GTask *task, const char *command, guint timeout_ms, OpParser *parser)
{
  if (parser)
    set_state (task, g_memdup2 (parser, sizeof *parser));
  md_at_modem_command (modem, command, timeout_ms, g_task_get_cancellable (task), op_ready, task);
}

void
md_at_op_boolean (MdModem *modem, GTask *task, const char *command, guint timeout_ms)
{
  run (modem, task, command, timeout_ms, NULL);
}

void
md_at_op_int (MdModem *modem, GTask *task, const char *command, guint timeout_ms, MdAtParseInt parse)
{
  OpParser parser = { .parse_int = parse };

  run (modem, task, command, timeout_ms, &parser);
}

void
md_at_op_pointer (MdModem *modem, GTask *task, const char *command, guint timeout_ms, MdAtParsePointer parse,
                  GDestroyNotify destroy)
{
  OpParser parser = { .parse_pointer = parse, .destroy = destroy };

  run (modem, task, command, timeout_ms, &parser);
}

typedef struct {
  const char *const *commands;
  guint index;
  guint timeout_ms;
  gboolean stop_on_error;
  MdAtResponseFn on_response;
  gpointer data;
} Sequence;

static void sequence_next (GTask *task);

static void
sequence_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;
  Sequence *seq = get_state (task);
  GError *error = NULL;
  g_autofree char *response = md_at_modem_command_finish (MD_MODEM (source), result, &error);

  if (!response && (seq->stop_on_error || md_error_is_no_answer (error))) {
    g_task_return_error (task, error);
    g_object_unref (task);
    return;
  }
  g_clear_error (&error);
  if (response && seq->on_response)
    seq->on_response (MD_MODEM (source), seq->index, response, seq->data);
  seq->index++;
  sequence_next (task);
}

static void
sequence_next (GTask *task)
{
  Sequence *seq = get_state (task);
  const char *command = seq->commands[seq->index];

  if (!command) {
    g_task_return_boolean (task, TRUE);
    g_object_unref (task);
    return;
  }
  md_at_modem_command (g_task_get_source_object (task), command, seq->timeout_ms,
                       g_task_get_cancellable (task), sequence_ready, task);
}

void
md_at_op_sequence (MdModem *modem, GTask *task, const char *const *commands, guint timeout_ms,
                   gboolean stop_on_error, MdAtResponseFn on_response, gpointer data)
{
  Sequence *seq = g_new0 (Sequence, 1);

  seq->commands = commands;
  seq->timeout_ms = timeout_ms;
  seq->stop_on_error = stop_on_error;
  seq->on_response = on_response;
  seq->data = data;
  set_state (task, seq);
  sequence_next (task);
}

GWeakRef *
md_at_weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

void
md_at_weak_ref_free (gpointer ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}
