/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The simulated modem's state, independent of any control protocol: the AT
 * front end (and later QMI and MBIM ones) read and change it, the control
 * socket injects network events, and every change is announced to the
 * front ends through events. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 27.007 <stat> values. */
typedef enum {
  MS_REG_IDLE = 0,
  MS_REG_HOME = 1,
  MS_REG_SEARCHING = 2,
  MS_REG_DENIED = 3,
  MS_REG_UNKNOWN = 4,
  MS_REG_ROAMING = 5,
} MsRegistration;

typedef enum {
  MS_LOCK_NONE,
  MS_LOCK_PIN,
  MS_LOCK_PUK,
  MS_LOCK_BLOCKED,
} MsSimLock;

typedef enum {
  MS_EVENT_REGISTRATION,
  MS_EVENT_SIGNAL,
  MS_EVENT_SMS,       /* arg: index */
  MS_EVENT_RING,
  MS_EVENT_NO_CARRIER,
  MS_EVENT_GARBAGE,   /* arg: GBytes* */
  MS_EVENT_TEXT,      /* arg: char* line */
  MS_EVENT_UNPLUG,
} MsEvent;

typedef struct {
  char *code;
  char *long_name;
  char *short_name;
  guint act;      /* 27.007 <AcT> */
  guint status;   /* 1 available, 2 current, 3 forbidden */
} MsOperator;

typedef struct _MsModel MsModel;
typedef void (*MsEventFn) (MsModel *model, MsEvent event, gconstpointer arg, gpointer user_data);

struct _MsModel {
  /* identity */
  char *manufacturer, *model, *revision, *imei;
  /* SIM */
  gboolean sim_present;
  char *iccid, *imsi, *spn;
  char *pin, *puk;
  guint pin_retries, puk_retries;
  gboolean pin_enabled;
  MsSimLock lock;
  GStrv own_numbers;
  /* radio and network */
  guint cfun;
  MsRegistration registration; /* what the network offers when the radio is on */
  char *operator_code, *operator_name;
  guint act;
  guint rssi;
  guint lac, tac, cell_id;
  GPtrArray *operators;         /* MsOperator*: what a scan finds */
  gboolean manual_selection;
  /* data */
  GHashTable *contexts;         /* cid -> "TYPE,APN" */
  gboolean data_mode;
  /* SMS */
  GPtrArray *sms;               /* PDU hex strings; NULL entries are deleted */
  /* behaviour */
  GHashTable *unsupported;      /* upper-case command names, e.g. "+CPINR" */
  guint cops_scan_delay_ms;
  gboolean muted;
  char *last_command;

  GArray *listeners;
};

MsModel *ms_model_new (void);
void ms_model_free (MsModel *self);

void ms_model_listen (MsModel *self, MsEventFn fn, gpointer user_data);
void ms_model_emit (MsModel *self, MsEvent event, gconstpointer arg);

/* The registration the modem reports now: none while the radio is off. */
MsRegistration ms_model_current_registration (MsModel *self);
void ms_model_set_registration (MsModel *self, MsRegistration reg, const char *code, const char *name);
void ms_model_set_cfun (MsModel *self, guint cfun);
void ms_model_set_signal (MsModel *self, guint rssi);

/* PIN handling, 27.007 semantics. Each returns a +CME code, or 0 on
 * success: 16 incorrect password, 12 PUK required, 13 SIM failure
 * (blocked), 10 no SIM, 3 not allowed. */
guint ms_model_enter_pin (MsModel *self, const char *pin);
guint ms_model_enter_puk (MsModel *self, const char *puk, const char *new_pin);
guint ms_model_set_pin_enabled (MsModel *self, const char *pin, gboolean enabled);
guint ms_model_change_pin (MsModel *self, const char *old_pin, const char *new_pin);

/* Manual selection of code; returns a +CME code or 0. */
guint ms_model_select_operator (MsModel *self, const char *code);
const MsOperator *ms_model_find_operator (MsModel *self, const char *code);

gboolean ms_model_command_supported (MsModel *self, const char *name);

G_END_DECLS
