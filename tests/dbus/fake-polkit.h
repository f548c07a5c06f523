/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A stand-in for polkitd's Authority on a test bus: answers
 * CheckAuthorization from a list of allowed actions, records what it was
 * asked, and can hold answers until the test releases them. */
#pragma once

#include <gio/gio.h>

typedef struct {
  GDBusConnection *connection;
  guint registration;
  char **allowed;
  gboolean hold;
  GPtrArray *held; /* GDBusMethodInvocation*, answered on release */
  guint calls;
  char *subject_kind;
  char *subject_name;
  char *action;
  guint32 flags;
} FakePolkit;

/* Registers on connection and owns org.freedesktop.PolicyKit1 (waits for it). */
FakePolkit *fake_polkit_new (GDBusConnection *connection);
void fake_polkit_free (FakePolkit *self);
void fake_polkit_set_allowed (FakePolkit *self, const char *const *actions);
/* Answers every held call as the allowed list says now. */
void fake_polkit_release (FakePolkit *self);
