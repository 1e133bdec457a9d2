/* What compressing each stored message would save and cost (docs/performance.md, storage):
   zlib's raw deflate per message, alone and primed with a preset dictionary cut from the same
   file's earlier lines, and deflate over blocks of 256 messages. Reports bytes per message and the
   CPU time per message of the per-message variants.

     gcc -O2 scripts/bench/deflate_per_record.c -lz -o /tmp/deflate_per_record
     /tmp/deflate_per_record MESSAGES.txt        # one message per line, e.g. from gen_lines.py

   Needs zlib's headers (Debian's zlib1g-dev). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#define MAX_LINES 50000

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s MESSAGES.txt\n", argv[0]); return 2; }
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    static char *lines[MAX_LINES];
    static char buf[1 << 20];
    int n = 0;
    long raw = 0;
    while (n < MAX_LINES && fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\n")] = 0;
        lines[n] = strdup(buf);
        raw += strlen(buf);
        n++;
    }
    if (n < 2000) { fprintf(stderr, "%s: need at least 2000 lines\n", argv[1]); return 2; }
    /* The dictionary: every 50th of the first 20,000 lines, its last `size` bytes used. */
    static char dict[65536];
    int dl = 0;
    for (int i = 0; i < 20000 && i < n; i += 50) {
        int l = strlen(lines[i]);
        if (dl + l + 1 > (int)sizeof dict) break;
        memcpy(dict + dl, lines[i], l);
        dl += l;
        dict[dl++] = '\n';
    }
    printf("%d messages, %.1f bytes each\n", n, (double)raw / n);
    static unsigned char out[1 << 21];
    int sizes[] = {0, 4096, 8192, 32768};
    for (int s = 0; s < 4; s++) {
        int size = sizes[s] < dl ? sizes[s] : dl;
        int bits = size > 8192 ? 15 : size > 4096 ? 13 : 12;
        z_stream z;
        memset(&z, 0, sizeof z);
        deflateInit2(&z, 6, Z_DEFLATED, -bits, 8, Z_DEFAULT_STRATEGY);
        long total = 0;
        double start = now_us();
        for (int i = 0; i < n; i++) {
            deflateReset(&z);
            if (size) deflateSetDictionary(&z, (const Bytef *)dict + dl - size, size);
            z.next_in = (Bytef *)lines[i];
            z.avail_in = strlen(lines[i]);
            z.next_out = out;
            z.avail_out = sizeof out;
            deflate(&z, Z_FINISH);
            total += sizeof out - z.avail_out;
        }
        double us = (now_us() - start) / n;
        deflateEnd(&z);
        printf("per message, dictionary %5d bytes: %5.1f bytes, %5.2f us each\n", size, (double)total / n, us);
    }
    long blocks = 0;
    for (int i = 0; i < n; i += 256) {
        long len = 0;
        for (int j = i; j < n && j < i + 256; j++) { int l = strlen(lines[j]); memcpy(buf + len, lines[j], l); len += l; buf[len++] = '\n'; }
        uLongf size = sizeof out;
        compress2(out, &size, (const Bytef *)buf, len, 6);
        blocks += size;
    }
    printf("blocks of 256 messages:                 %5.1f bytes\n", (double)blocks / n);
    return 0;
}
