/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Replays a fuzz corpus through a libFuzzer-style harness without
 * libFuzzer, so every `make test` re-runs each saved input with GCC and the
 * sanitizers. Arguments are files or directories of inputs. A harness
 * reports a broken invariant by aborting, which ends the replay with a
 * non-zero status.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned int nr_inputs;

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long len;

    if ( !f )
    {
        perror(path);
        return -1;
    }
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    /* An exact-size heap copy lets ASan catch a read one byte past it. */
    buf = malloc(len ? len : 1);
    if ( !buf || fread(buf, 1, len, f) != (size_t)len )
    {
        fprintf(stderr, "%s: read error\n", path);
        fclose(f);
        free(buf);
        return -1;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
    nr_inputs++;
    return 0;
}

static int replay_path(const char *path)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int rc = 0;

    if ( stat(path, &st) )
    {
        perror(path);
        return -1;
    }
    if ( !S_ISDIR(st.st_mode) )
        return replay_file(path);
    d = opendir(path);
    if ( !d )
        return -1;
    while ( (e = readdir(d)) )
    {
        char sub[4096];

        if ( e->d_name[0] == '.' )
            continue;
        snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
        rc |= replay_path(sub);
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0;

    for ( int i = 1; i < argc; i++ )
        rc |= replay_path(argv[i]);
    if ( !nr_inputs )
    {
        fprintf(stderr, "no corpus inputs replayed\n");
        return 1;
    }
    printf("replayed %u inputs\n", nr_inputs);
    return rc ? 1 : 0;
}
