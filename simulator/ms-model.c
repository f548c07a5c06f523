/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The simulated modem's state and the rules that change it (PIN retries,
 * registration follows the radio, manual operator selection). Front ends
 * only format and parse; the behaviour lives here. */
#include "ms-model.h"

#include <string.h>

typedef struct {
  MsEventFn fn;
  gpointer user_data;
} Listener;

static void
operator_free (gpointer data)
{
  MsOperator *op = data;

  g_free (op->code);
  g_free (op->long_name);
  g_free (op->short_name);
  g_free (op);
}

MsModel *
ms_model_new (void)
{
  MsModel *self = g_new0 (MsModel, 1);

  self->operators = g_ptr_array_new_with_free_func (operator_free);
  self->contexts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->sms = g_ptr_array_new_with_free_func (g_free);
  self->unsupported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->listeners = g_array_new (FALSE, FALSE, sizeof (Listener));
  self->own_numbers = g_new0 (char *, 1);
  self->pin_retries = 3;
  self->puk_retries = 10;
  self->cfun = 1;
  self->rssi = 20;
  return self;
}

void
ms_model_free (MsModel *self)
{
  if (!self)
    return;
  g_free (self->manufacturer);
  g_free (self->model);
  g_free (self->revision);
  g_free (self->imei);
  g_free (self->iccid);
  g_free (self->imsi);
  g_free (self->spn);
  g_free (self->pin);
  g_free (self->puk);
  g_strfreev (self->own_numbers);
  g_free (self->operator_code);
  g_free (self->operator_name);
  g_free (self->last_command);
  g_ptr_array_unref (self->operators);
  g_hash_table_unref (self->contexts);
  g_ptr_array_unref (self->sms);
  g_hash_table_unref (self->unsupported);
  g_array_unref (self->listeners);
  g_free (self);
}

void
ms_model_listen (MsModel *self, MsEventFn fn, gpointer user_data)
{
  Listener listener = { fn, user_data };

  g_array_append_val (self->listeners, listener);
}

void
ms_model_emit (MsModel *self, MsEvent event, gconstpointer arg)
{
  for (guint i = 0; i < self->listeners->len; i++) {
    Listener *l = &g_array_index (self->listeners, Listener, i);

    l->fn (self, event, arg, l->user_data);
  }
}

MsRegistration
ms_model_current_registration (MsModel *self)
{
  if (self->cfun != 1 || !self->sim_present || self->lock != MS_LOCK_NONE)
    return MS_REG_IDLE;
  return self->registration;
}

void
ms_model_set_registration (MsModel *self, MsRegistration reg, const char *code, const char *name)
{
  self->registration = reg;
  if (code) {
    g_free (self->operator_code);
    self->operator_code = g_strdup (code);
  }
  if (name) {
    g_free (self->operator_name);
    self->operator_name = g_strdup (name);
  }
  /* A network lost mid-call ends the call. */
  if (self->data_mode && reg != MS_REG_HOME && reg != MS_REG_ROAMING)
    ms_model_emit (self, MS_EVENT_NO_CARRIER, NULL);
  ms_model_emit (self, MS_EVENT_REGISTRATION, NULL);
}

void
ms_model_set_cfun (MsModel *self, guint cfun)
{
  MsRegistration before = ms_model_current_registration (self);

  self->cfun = cfun;
  if (ms_model_current_registration (self) != before)
    ms_model_emit (self, MS_EVENT_REGISTRATION, NULL);
}

void
ms_model_set_signal (MsModel *self, guint rssi)
{
  self->rssi = rssi;
  ms_model_emit (self, MS_EVENT_SIGNAL, NULL);
}

static void
unlocked (MsModel *self)
{
  MsRegistration before = ms_model_current_registration (self);

  self->lock = MS_LOCK_NONE;
  if (ms_model_current_registration (self) != before)
    ms_model_emit (self, MS_EVENT_REGISTRATION, NULL);
}

guint
ms_model_enter_pin (MsModel *self, const char *pin)
{
  if (!self->sim_present)
    return 10;
  if (self->lock == MS_LOCK_PUK)
    return 12;
  if (self->lock == MS_LOCK_BLOCKED)
    return 13;
  if (self->lock != MS_LOCK_PIN)
    return 3;
  if (g_strcmp0 (pin, self->pin) != 0) {
    if (self->pin_retries > 0)
      self->pin_retries--;
    if (self->pin_retries == 0)
      self->lock = MS_LOCK_PUK;
    return 16;
  }
  self->pin_retries = 3;
  unlocked (self);
  return 0;
}

guint
ms_model_enter_puk (MsModel *self, const char *puk, const char *new_pin)
{
  if (!self->sim_present)
    return 10;
  if (self->lock == MS_LOCK_BLOCKED)
    return 13;
  if (self->lock != MS_LOCK_PUK)
    return 3;
  if (g_strcmp0 (puk, self->puk) != 0) {
    if (self->puk_retries > 0)
      self->puk_retries--;
    if (self->puk_retries == 0)
      self->lock = MS_LOCK_BLOCKED;
    return 16;
  }
  g_free (self->pin);
  self->pin = g_strdup (new_pin);
  self->pin_retries = 3;
  self->puk_retries = 10;
  unlocked (self);
  return 0;
}

/* Shared by +CLCK and +CPWD: a wrong PIN costs a retry, as on a real SIM. */
static guint
check_pin (MsModel *self, const char *pin)
{
  if (!self->sim_present)
    return 10;
  if (self->lock != MS_LOCK_NONE)
    return self->lock == MS_LOCK_PIN ? 11 : 12;
  if (g_strcmp0 (pin, self->pin) != 0) {
    if (self->pin_retries > 0)
      self->pin_retries--;
    if (self->pin_retries == 0)
      self->lock = MS_LOCK_PUK;
    return 16;
  }
  self->pin_retries = 3;
  return 0;
}

guint
ms_model_set_pin_enabled (MsModel *self, const char *pin, gboolean enabled)
{
  guint error = check_pin (self, pin);

  if (!error)
    self->pin_enabled = enabled;
  return error;
}

guint
ms_model_change_pin (MsModel *self, const char *old_pin, const char *new_pin)
{
  guint error = check_pin (self, old_pin);

  if (!error) {
    g_free (self->pin);
    self->pin = g_strdup (new_pin);
  }
  return error;
}

const MsOperator *
ms_model_find_operator (MsModel *self, const char *code)
{
  for (guint i = 0; i < self->operators->len; i++) {
    MsOperator *op = g_ptr_array_index (self->operators, i);

    if (g_strcmp0 (op->code, code) == 0)
      return op;
  }
  return NULL;
}

guint
ms_model_select_operator (MsModel *self, const char *code)
{
  const MsOperator *op = ms_model_find_operator (self, code);

  if (!op)
    return 30; /* no network service */
  if (op->status == 3)
    return 32; /* network not allowed */
  for (guint i = 0; i < self->operators->len; i++) {
    MsOperator *other = g_ptr_array_index (self->operators, i);

    if (other->status == 2)
      other->status = 1;
  }
  ((MsOperator *) op)->status = 2;
  self->manual_selection = TRUE;
  self->act = op->act;
  ms_model_set_registration (self, MS_REG_HOME, op->code, op->long_name);
  return 0;
}

gboolean
ms_model_command_supported (MsModel *self, const char *name)
{
  g_autofree char *upper = g_ascii_strup (name, -1);

  return !g_hash_table_contains (self->unsupported, upper);
}
