/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the AT session (sim-at.c), the command-line parser
 * (sim-at-parse.c) and the command handlers (sim-at-cmd-*.c). */
#pragma once

#include "sim-at.h"

G_BEGIN_DECLS

typedef enum {
  SIM_AT_EXEC, /* AT+X, or a basic command */
  SIM_AT_READ, /* AT+X? */
  SIM_AT_TEST, /* AT+X=? */
  SIM_AT_SET,  /* AT+X=<args> */
} SimAtMode;

typedef struct {
  char *text;
  gboolean quoted;
} SimAtArg;

typedef struct {
  char *name; /* upper case: "+CPIN", "E", "&F", "S", "D" */
  SimAtMode mode;
  GPtrArray *args; /* SimAtArg; a basic command's number is args[0] */
} SimAtCommand;

void sim_at_command_free (SimAtCommand *cmd);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimAtCommand, sim_at_command_free)

/* Splits one command line into its commands. Returns NULL without an error
 * for a line with no "AT" prefix, which a modem ignores. */
GPtrArray *sim_at_parse_line (const char *line, GError **error);

typedef enum {
  SIM_AT_STATE_COMMAND,
  SIM_AT_STATE_DATA,
  SIM_AT_STATE_ONLINE_COMMAND, /* escaped with "+++", call still up */
} SimAtState;

typedef enum {
  SIM_AT_OK,
  SIM_AT_ERROR,   /* the code is in error_code / error_cms */
  SIM_AT_CONNECT, /* the port goes into data mode */
  SIM_AT_NO_CARRIER,
  SIM_AT_PENDING, /* sim_at_defer() finishes it */
} SimAtStatus;

/* error_code for a line that does not parse: plain ERROR in every mode. */
#define SIM_AT_PLAIN_ERROR G_MAXUINT

typedef SimAtStatus (*SimAtHandler) (SimAt *at, const SimAtCommand *cmd);
typedef SimAtStatus (*SimAtFinish) (SimAt *at);
/* Gets what the client typed after the "> " prompt, up to Ctrl-Z. */
typedef SimAtStatus (*SimAtPromptFinish) (SimAt *at, const char *payload);

typedef struct {
  const char *name;
  SimAtHandler handler;
} SimAtEntry;

/* Per-session settings a client can change; ATZ restores them. */
typedef struct {
  gboolean echo;
  gboolean verbose;
  gboolean quiet;
  guint cmee;
  guint reg_n[SIM_N_DOMAINS];
  guint cops_format;
  guint cmgf;
  guint csms;          /* +CSMS <service> */
  gboolean mem1_other; /* +CPMS <mem1> is an (empty) storage other than "SM" */
  gboolean cnma_owed;  /* a +CMT/+CDS in service 1 waits for its +CNMA */
  char *cscs;
  guint cnmi[5];
  guint ws46;
  guint sreg[16];
  guint ifc[2];
  guint cmer_ind; /* +CMER <ind>: 1 reports +CIEV */
  guint ctzu;
  guint ctzr;
  guint cgerep;
  guint cemode;
  guint cpol_format;
  guint clip;
  guint crc;
  guint ccwa;
  guint cusd;
  guint qsimstat; /* Quectel's +QSIMSTAT <enable>: 1 reports card insertion and removal */
} SimAtSettings;

struct _SimAt {
  SimModel *model;
  SimAtOptions options;
  SimAtWriteFunc write;
  gpointer write_data;
  guint subscription;

  SimAtSettings set;
  SimAtState state;
  GString *line;
  GString *echo;
  char *last_command;
  SimHistory *history; /* every line received, muted or not */
  gboolean muted;
  guint mute_after; /* 0: off; n: answer n - 1 more command lines, then mute */

  /* The command line being executed. */
  GPtrArray *commands;
  guint next_command;
  GString *response;
  guint error_code;
  gboolean error_cms;
  gboolean busy;
  guint defer_timer;
  SimAtFinish defer_finish;
  SimAtPromptFinish prompt_finish; /* set while the "> " prompt waits */
  GString *prompt_payload;
  guint prompt_arg; /* +CMGW's <stat> */
  GString *held_input;
  GPtrArray *held_urcs;

  /* Indicator values last reported with +CIEV. */
  guint ind_signal;
  gboolean card_in; /* the card's presence last seen, for +QSIMSTAT reports */
  guint ind_service;
  guint ind_roam;

  /* Data mode. */
  gint64 last_rx_us;
  guint plus_count;
  guint escape_timer;
  guint64 data_bytes;
};

/* Handlers add information text with these. */
void sim_at_reply (SimAt *at, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* A raw line, as a PDU line after +CMGL. */
void sim_at_reply_line (SimAt *at, const char *text);
SimAtStatus sim_at_cme (SimAt *at, SimError code);
SimAtStatus sim_at_cme_error (SimAt *at, const GError *error);
SimAtStatus sim_at_cms (SimAt *at, guint code);
SimAtStatus sim_at_cms_error (SimAt *at, const GError *error);
SimAtStatus sim_at_defer (SimAt *at, guint delay_ms, SimAtFinish finish);
/* Writes the "> " prompt and takes the client's next bytes as a payload up
 * to Ctrl-Z, then calls finish (ESC cancels with OK). */
SimAtStatus sim_at_prompt (SimAt *at, SimAtPromptFinish finish);
void sim_at_urc (SimAt *at, const char *format, ...) G_GNUC_PRINTF (2, 3);
void sim_at_finish_line (SimAt *at, SimAtStatus status);
void sim_at_flush_held_urcs (SimAt *at);
void sim_at_settings_reset (SimAt *at);
void sim_at_enter_data_mode (SimAt *at);
void sim_at_end_call (SimAt *at);

guint sim_at_n_args (const SimAtCommand *cmd);
/* NULL when absent; "" when given empty. */
const char *sim_at_arg (const SimAtCommand *cmd, guint i);
gboolean sim_at_arg_uint (const SimAtCommand *cmd, guint i, guint max, guint *out);
/* Like sim_at_arg_uint, but an absent or empty argument gives fallback. */
gboolean sim_at_arg_uint_or (const SimAtCommand *cmd, guint i, guint max, guint fallback, guint *out);
/* Text as the client's +CSCS character set wants it: UCS2 is hex of
 * UTF-16BE; IRA and GSM pass ASCII through. */
char *sim_at_text (SimAt *at, const char *utf8);
/* A numeric setting: "=<n>" (or bare) stores it, "?" answers
 * "<name>: <n>", "=?" answers "<name>: <range>". */
SimAtStatus sim_at_setting (SimAt *at, const SimAtCommand *cmd, guint *value, guint max, const char *range);
gboolean sim_at_command_is_supported (SimAt *at, const char *name);
void sim_at_list_commands (SimAt *at);

/* Command tables, one per concern; each ends with a NULL name. */
extern const SimAtEntry sim_at_basic_commands[];
extern const SimAtEntry sim_at_sim_commands[];
extern const SimAtEntry sim_at_net_commands[];
extern const SimAtEntry sim_at_data_commands[];
extern const SimAtEntry sim_at_sms_commands[];
extern const SimAtEntry sim_at_call_commands[];
extern const SimAtEntry sim_at_vendor_commands[];

/* Model events for each concern. */
void sim_at_net_event (SimAt *at, const SimEvent *event);
/* The card went in or out: Quectel's +QSIMSTAT report when enabled. */
void sim_at_vendor_sim_event (SimAt *at);
void sim_at_sms_event (SimAt *at, const SimEvent *event);
/* The network's time zone report: +CTZV or +CTZE as +CTZR asks. */
void sim_at_time_event (SimAt *at);
/* The network's USSD report: +CUSD with +CUSD=1. */
void sim_at_ussd_event (SimAt *at);

G_END_DECLS
