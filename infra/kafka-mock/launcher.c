/* A Kafka-protocol test broker: librdkafka's mock cluster on loopback.
 * usage: launcher [TOPIC:PARTITIONS ...]
 * Creates the topics, prints the bootstrap address (HOST:PORT) on stdout, runs until SIGTERM/SIGINT.
 * With KAFKA_MOCK_WATCH_PID set, it also stops once that process has gone.
 * SIGUSR1 takes the broker down (connections dropped and refused), SIGUSR2 brings it back: outage tests.
 * For tests and CI only: no admin API, no persistence; production runs Apache Kafka. */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Whether `pid` has ended: no such process, or a zombie (an orphan in a container whose init never reaps). */
static int process_gone(pid_t pid) {
  char path[64], stat[512];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  FILE *f = fopen(path, "r");
  if (!f) return kill(pid, 0) != 0 && errno == ESRCH;
  size_t n = fread(stat, 1, sizeof stat - 1, f);
  fclose(f);
  stat[n] = '\0';
  const char *end = strrchr(stat, ')');
  return end && end[1] == ' ' && end[2] == 'Z';
}

int main(int argc, char **argv) {
  /* blocked before librdkafka starts its threads (they inherit the mask), so only sigwait receives them */
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGUSR1);
  sigaddset(&signals, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &signals, NULL);

  char err[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  /* the mock cluster is hosted by a client handle; keep its own logging quiet */
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    fprintf(stderr, "launcher: cannot create a librdkafka handle: %s\n", err);
    return 1;
  }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, 1);
  if (!cluster) {
    fprintf(stderr, "launcher: cannot start the mock cluster\n");
    return 1;
  }
  for (int i = 1; i < argc; i++) {
    char *colon = strrchr(argv[i], ':');
    int partitions = colon ? atoi(colon + 1) : 0;
    if (!colon || partitions < 1) {
      fprintf(stderr, "launcher: expected TOPIC:PARTITIONS, got \"%s\"\n", argv[i]);
      return 2;
    }
    *colon = '\0';
    rd_kafka_resp_err_t rc = rd_kafka_mock_topic_create(cluster, argv[i], partitions, 1);
    if (rc) {
      fprintf(stderr, "launcher: cannot create topic %s: %s\n", argv[i], rd_kafka_err2str(rc));
      return 1;
    }
  }

  printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);
  /* KAFKA_MOCK_WATCH_PID: stop when that process is gone (a test runner killed before it could stop us) */
  const char *watch = getenv("KAFKA_MOCK_WATCH_PID");
  pid_t watched = watch ? (pid_t)atoi(watch) : 0;
  struct timespec second = {1, 0};
  for (;;) {
    int sig = sigtimedwait(&signals, NULL, &second);
    if (sig == SIGTERM || sig == SIGINT) break;
    if (sig == SIGUSR1) rd_kafka_mock_broker_set_down(cluster, 1);
    if (sig == SIGUSR2) rd_kafka_mock_broker_set_up(cluster, 1);
    if (sig < 0 && watched > 0 && process_gone(watched)) break;
  }

  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
