/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT session: turns incoming bytes into command lines (with echo),
 * runs their commands through the handler tables in order, switches to data
 * mode after CONNECT and back on a guarded "+++", and turns model events
 * into unsolicited results. Wording of answers is in sim-at-result.c. */
#include "sim-at-private.h"

#include <string.h>

#define MAX_LINE 4096

static const SimAtEntry *const tables[] = {
  sim_at_basic_commands, sim_at_sim_commands,  sim_at_net_commands,    sim_at_data_commands,
  sim_at_sms_commands,   sim_at_call_commands, sim_at_vendor_commands,
};

void
sim_at_options_init (SimAtOptions *options)
{
  memset (options, 0, sizeof *options);
  options->unsupported = g_new0 (char *, 1);
  /* V.250's default S12: one second of silence around the escape. */
  options->escape_guard_ms = 1000;
}

void
sim_at_options_clear (SimAtOptions *options)
{
  g_clear_pointer (&options->unsupported, g_strfreev);
}

static const SimAtEntry *
find_entry (const char *name)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++) {
    for (const SimAtEntry *e = tables[t]; e->name; e++) {
      if (strcmp (e->name, name) == 0)
        return e;
    }
  }
  return NULL;
}

char *
sim_at_command_canonical_name (const char *name)
{
  g_autofree char *upper = g_ascii_strup (name, -1);
  const char *bare = upper;

  if (g_str_has_prefix (bare, "AT") && bare[2])
    bare += 2;
  return find_entry (bare) ? g_strdup (bare) : NULL;
}

gboolean
sim_at_command_is_supported (SimAt *at, const char *name)
{
  return find_entry (name) && !g_strv_contains ((const char *const *)at->options.unsupported, name);
}

void
sim_at_list_commands (SimAt *at)
{
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++) {
    for (const SimAtEntry *e = tables[t]; e->name; e++) {
      if (sim_at_command_is_supported (at, e->name))
        sim_at_reply (at, "AT%s", e->name);
    }
  }
}

void
sim_at_settings_reset (SimAt *at)
{
  static const guint sregs[16] = { 0, 0, 43, 13, 10, 8, 2, 50, 2, 6, 14, 95, 50, 0, 0, 0 };

  g_free (at->set.cscs);
  memset (&at->set, 0, sizeof at->set);
  at->set.echo = TRUE;
  at->set.verbose = TRUE;
  at->set.cscs = g_strdup ("IRA");
  /* New messages are announced with +CMTI unless the client says otherwise. */
  at->set.cnmi[0] = 2;
  at->set.cnmi[1] = 1;
  at->set.csms = at->options.csms_service;
  at->set.ws46 = 25;
  at->set.cemode = 2;
  memcpy (at->set.sreg, sregs, sizeof sregs);
}

static void
on_model_event (const SimEvent *event, gpointer user_data)
{
  SimAt *self = user_data;

  switch (event->kind) {
  case SIM_EVENT_REGISTRATION:
  case SIM_EVENT_OPERATOR:
  case SIM_EVENT_ACCESS_TECH:
  case SIM_EVENT_SIGNAL: sim_at_net_event (self, event); break;
  case SIM_EVENT_TIMEZONE: sim_at_time_event (self); break;
  case SIM_EVENT_USSD: sim_at_ussd_event (self); break;
  case SIM_EVENT_SMS_RECEIVED:
  case SIM_EVENT_SMS_STATUS_REPORT: sim_at_sms_event (self, event); break;
  case SIM_EVENT_RING: sim_at_send_unsolicited (self, self->set.crc ? "+CRING: VOICE" : "RING"); break;
  case SIM_EVENT_CALL_DROPPED:
    if (self->state == SIM_AT_STATE_DATA) {
      sim_at_end_call (self);
      sim_at_finish_line (self, SIM_AT_NO_CARRIER);
    } else if (self->state == SIM_AT_STATE_ONLINE_COMMAND) {
      sim_at_end_call (self);
      sim_at_send_unsolicited (self, "NO CARRIER");
    }
    break;
  case SIM_EVENT_SIM: sim_at_vendor_sim_event (self); break;
  case SIM_EVENT_POWER:
  case SIM_EVENT_CONTEXT:
  case SIM_EVENT_ATTACH: break;
  }
}

void
sim_at_restart (SimAt *self)
{
  sim_at_settings_reset (self);
}

SimAt *
sim_at_new (SimModel *model, const SimAtOptions *options, SimAtWriteFunc write, gpointer user_data)
{
  SimAt *self = g_new0 (SimAt, 1);

  self->model = model;
  self->card_in = model->sim.present;
  self->options = *options;
  self->options.unsupported = g_strdupv (options->unsupported);
  self->write = write;
  self->write_data = user_data;
  self->line = g_string_new (NULL);
  self->echo = g_string_new (NULL);
  self->response = g_string_new (NULL);
  self->held_input = g_string_new (NULL);
  self->held_urcs = g_ptr_array_new_with_free_func (g_free);
  self->last_command = g_strdup ("");
  self->history = sim_history_new (SIM_HISTORY_KEEP);
  sim_at_settings_reset (self);
  self->subscription = sim_model_subscribe (model, on_model_event, self);
  return self;
}

void
sim_at_free (SimAt *self)
{
  if (!self)
    return;
  sim_model_unsubscribe (self->model, self->subscription);
  g_clear_handle_id (&self->defer_timer, g_source_remove);
  g_clear_handle_id (&self->escape_timer, g_source_remove);
  sim_at_options_clear (&self->options);
  g_free (self->set.cscs);
  g_string_free (self->line, TRUE);
  g_string_free (self->echo, TRUE);
  g_string_free (self->response, TRUE);
  g_string_free (self->held_input, TRUE);
  if (self->prompt_payload)
    g_string_free (self->prompt_payload, TRUE);
  g_ptr_array_unref (self->held_urcs);
  g_clear_pointer (&self->commands, g_ptr_array_unref);
  g_free (self->last_command);
  sim_history_free (self->history);
  g_free (self);
}

/* --- running a command line ------------------------------------------------ */

static void run_commands (SimAt *self);

static void
complete_line (SimAt *self, SimAtStatus status)
{
  g_autoptr (GString) held = NULL;

  g_clear_pointer (&self->commands, g_ptr_array_unref);
  self->busy = FALSE;
  sim_at_finish_line (self, status);
  if (status == SIM_AT_CONNECT)
    sim_at_enter_data_mode (self);
  sim_at_flush_held_urcs (self);
  /* Bytes that arrived while the command ran are handled now. */
  held = g_steal_pointer (&self->held_input);
  self->held_input = g_string_new (NULL);
  if (held->len > 0)
    sim_at_feed (self, held->str, held->len);
}

static SimAtStatus
dispatch (SimAt *self, const SimAtCommand *cmd)
{
  const SimAtEntry *entry = find_entry (cmd->name);

  if (!entry || !sim_at_command_is_supported (self, cmd->name))
    return sim_at_cme (self, SIM_ERROR_NOT_SUPPORTED);
  return entry->handler (self, cmd);
}

static void
run_commands (SimAt *self)
{
  while (self->next_command < self->commands->len) {
    SimAtCommand *cmd = g_ptr_array_index (self->commands, self->next_command++);
    SimAtStatus status = dispatch (self, cmd);

    if (status == SIM_AT_PENDING)
      return;
    if (status != SIM_AT_OK) {
      complete_line (self, status);
      return;
    }
  }
  complete_line (self, SIM_AT_OK);
}

static gboolean
defer_done (gpointer user_data)
{
  SimAt *self = user_data;
  SimAtStatus status;

  self->defer_timer = 0;
  status = self->defer_finish (self);
  if (status == SIM_AT_OK)
    run_commands (self);
  else
    complete_line (self, status);
  return G_SOURCE_REMOVE;
}

SimAtStatus
sim_at_defer (SimAt *at, guint delay_ms, SimAtFinish finish)
{
  at->defer_finish = finish;
  at->defer_timer = g_timeout_add (delay_ms, defer_done, at);
  return SIM_AT_PENDING;
}

SimAtStatus
sim_at_prompt (SimAt *at, SimAtPromptFinish finish)
{
  static const char prompt[] = "\r\n> ";

  at->prompt_finish = finish;
  at->prompt_payload = g_string_new (NULL);
  at->write (prompt, sizeof prompt - 1, at->write_data);
  return SIM_AT_PENDING;
}

/* 27.005: the payload ends with Ctrl-Z (send) or ESC (cancel: OK, nothing
 * sent). */
static void
prompt_byte (SimAt *self, char c)
{
  g_autoptr (GString) payload = NULL;
  SimAtPromptFinish finish = self->prompt_finish;
  SimAtStatus status;

  if (c != 0x1a && c != 0x1b) {
    if (c != '\r' && c != '\n' && self->prompt_payload->len < MAX_LINE)
      g_string_append_c (self->prompt_payload, c);
    return;
  }
  payload = g_steal_pointer (&self->prompt_payload);
  self->prompt_finish = NULL;
  status = c == 0x1b ? SIM_AT_OK : finish (self, payload->str);
  if (status == SIM_AT_OK)
    run_commands (self);
  else
    complete_line (self, status);
}

static void
run_line (SimAt *self, const char *raw)
{
  g_autofree char *line = g_strstrip (g_strdup (raw));
  g_autoptr (GError) error = NULL;

  if (!*line)
    return;
  g_free (self->last_command);
  self->last_command = g_strdup (line);
  sim_history_add (self->history, line);
  if (self->mute_after == 1) {
    self->muted = TRUE;
    self->mute_after = 0;
  }
  if (self->muted)
    return;
  if (self->mute_after > 1)
    self->mute_after--;
  self->commands = sim_at_parse_line (line, &error);
  if (!self->commands) {
    if (error) {
      self->error_code = SIM_AT_PLAIN_ERROR;
      sim_at_finish_line (self, SIM_AT_ERROR);
    }
    return;
  }
  self->next_command = 0;
  self->busy = TRUE;
  run_commands (self);
}

static void
flush_echo (SimAt *self)
{
  if (self->echo->len > 0)
    self->write (self->echo->str, self->echo->len, self->write_data);
  g_string_truncate (self->echo, 0);
}

static void
command_byte (SimAt *self, char c)
{
  if (self->set.echo && !self->muted)
    g_string_append_c (self->echo, c);
  if (c == (char)self->set.sreg[3]) {
    g_autofree char *line = g_strdup (self->line->str);

    g_string_truncate (self->line, 0);
    flush_echo (self);
    run_line (self, line);
  } else if (c == (char)self->set.sreg[5]) {
    if (self->line->len > 0)
      g_string_truncate (self->line, self->line->len - 1);
  } else if (c == '\n' || c == '\0') {
    /* Line feeds after the carriage return are not part of a command. */
  } else if (self->line->len < MAX_LINE) {
    g_string_append_c (self->line, c);
  }
}

/* --- data mode ------------------------------------------------------------- */

static gboolean
escape_done (gpointer user_data)
{
  SimAt *self = user_data;

  self->escape_timer = 0;
  self->plus_count = 0;
  self->state = SIM_AT_STATE_ONLINE_COMMAND;
  sim_at_finish_line (self, SIM_AT_OK);
  return G_SOURCE_REMOVE;
}

/* "+++" counts only with the guard time of silence before it and after it,
 * so a '+' inside a PPP frame never ends the call. */
static void
data_byte (SimAt *self, char c)
{
  gint64 now = g_get_monotonic_time ();
  gint64 guard_us = (gint64)self->options.escape_guard_ms * 1000;

  if (c == '+' && self->plus_count < 3 && (self->plus_count > 0 || now - self->last_rx_us >= guard_us)) {
    if (++self->plus_count == 3)
      self->escape_timer = g_timeout_add (self->options.escape_guard_ms, escape_done, self);
  } else {
    self->data_bytes += self->plus_count + 1;
    self->plus_count = 0;
    g_clear_handle_id (&self->escape_timer, g_source_remove);
  }
  self->last_rx_us = now;
}

void
sim_at_enter_data_mode (SimAt *at)
{
  at->state = SIM_AT_STATE_DATA;
  at->plus_count = 0;
  at->last_rx_us = g_get_monotonic_time ();
}

void
sim_at_end_call (SimAt *at)
{
  if (at->model->call_cid)
    sim_model_end_call (at->model);
  at->state = SIM_AT_STATE_COMMAND;
  at->plus_count = 0;
  g_clear_handle_id (&at->escape_timer, g_source_remove);
}

/* --- public entry points ---------------------------------------------------- */

void
sim_at_feed (SimAt *self, const char *data, gsize len)
{
  for (gsize i = 0; i < len; i++) {
    if (self->state == SIM_AT_STATE_DATA) {
      data_byte (self, data[i]);
      continue;
    }
    if (self->prompt_finish) {
      prompt_byte (self, data[i]);
      continue;
    }
    if (self->busy) {
      g_string_append_len (self->held_input, data + i, len - i);
      break;
    }
    command_byte (self, data[i]);
  }
  flush_echo (self);
}

void
sim_at_client_gone (SimAt *self)
{
  if (self->state != SIM_AT_STATE_COMMAND)
    sim_at_end_call (self);
  g_string_truncate (self->line, 0);
  g_string_truncate (self->held_input, 0);
}

void
sim_at_line_hangup (SimAt *self)
{
  if (self->state == SIM_AT_STATE_COMMAND || self->busy)
    return;
  sim_at_end_call (self);
  sim_at_finish_line (self, SIM_AT_NO_CARRIER);
}

void
sim_at_set_muted (SimAt *self, gboolean muted)
{
  self->muted = muted;
  self->mute_after = 0;
}

void
sim_at_mute_after (SimAt *self, guint answers)
{
  self->muted = FALSE;
  self->mute_after = answers + 1;
}

gboolean
sim_at_get_muted (SimAt *self)
{
  return self->muted;
}

gboolean
sim_at_in_data_mode (SimAt *self)
{
  return self->state == SIM_AT_STATE_DATA;
}

gboolean
sim_at_get_echo (SimAt *self)
{
  return self->set.echo;
}

guint
sim_at_get_cmee (SimAt *self)
{
  return self->set.cmee;
}

const char *
sim_at_get_last_command (SimAt *self)
{
  return self->last_command;
}

const SimHistory *
sim_at_get_history (SimAt *self)
{
  return self->history;
}

guint64
sim_at_get_data_bytes (SimAt *self)
{
  return self->data_bytes;
}
