/* bench_libav.c — what linking libavcodec would cost instead of the pipe
 * to ffmpeg (issue 18): encodes raw RGBA frames in this process, as descent
 * would, with the encoder arguments descent gives ffmpeg for MP4 (libx264,
 * veryfast, crf 18, yuv420p, +faststart; frame_sink.c), and prints the CPU
 * and wall seconds of the encoding alone.
 *
 * Usage: bench_libav RAW WxH FPS OUT.mp4.  RAW holds the frames as descent
 * hands them over, bottom row first (bench_record.py captures them); the
 * scaler reads the rows backwards, as -vf vflip has ffmpeg do, and the
 * decoded frames are those of ffmpeg alone (framemd5).  The file is mapped
 * and its pages faulted in before the clock starts: descent would hand over
 * frames it already holds, with no read and no pipe. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>

static double cpu_seconds(void)
{
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return (double)r.ru_utime.tv_sec + r.ru_utime.tv_usec * 1e-6 + (double)r.ru_stime.tv_sec +
           r.ru_stime.tv_usec * 1e-6;
}

static double wall_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static _Noreturn void fail(const char *what)
{
    fprintf(stderr, "bench_libav: %s\n", what);
    exit(1);
}

/* Writes every packet the encoder has ready. */
static void drain(AVCodecContext *codec, AVFormatContext *format, AVPacket *packet)
{
    while (avcodec_receive_packet(codec, packet) == 0) {
        av_packet_rescale_ts(packet, codec->time_base, format->streams[0]->time_base);
        packet->stream_index = 0;
        if (av_interleaved_write_frame(format, packet) < 0)
            fail("cannot write a packet");
    }
}

int main(int argc, char **argv)
{
    int width, height;
    if (argc != 5 || sscanf(argv[2], "%dx%d", &width, &height) != 2)
        fail("usage: bench_libav RAW WxH FPS OUT.mp4");
    int fps = atoi(argv[3]);
    size_t frame_bytes = (size_t)width * (size_t)height * 4;
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < (off_t)frame_bytes)
        fail("cannot read the frames");
    long frames = (long)((size_t)st.st_size / frame_bytes);
    const uint8_t *all = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
                              fd, 0);
    if (all == MAP_FAILED)
        fail("cannot map the frames");

    double cpu = cpu_seconds(), wall = wall_seconds();
    AVFormatContext *format = NULL;
    const AVCodec *x264 = avcodec_find_encoder_by_name("libx264");
    if (avformat_alloc_output_context2(&format, NULL, "mp4", argv[4]) < 0 || !x264)
        fail("no MP4 muxer or no libx264");
    AVStream *stream = avformat_new_stream(format, NULL);
    AVCodecContext *codec = avcodec_alloc_context3(x264);
    codec->width = width;
    codec->height = height;
    codec->pix_fmt = AV_PIX_FMT_YUV420P;
    codec->time_base = (AVRational){1, fps};
    codec->framerate = (AVRational){fps, 1};
    if (format->oformat->flags & AVFMT_GLOBALHEADER)
        codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    av_opt_set(codec->priv_data, "preset", "veryfast", 0);
    av_opt_set(codec->priv_data, "crf", "18", 0);
    av_log_set_level(AV_LOG_ERROR);
    if (avcodec_open2(codec, x264, NULL) < 0)
        fail("cannot open libx264");
    avcodec_parameters_from_context(stream->codecpar, codec);
    stream->time_base = codec->time_base;
    AVDictionary *options = NULL;
    av_dict_set(&options, "movflags", "+faststart", 0);
    if (avio_open(&format->pb, argv[4], AVIO_FLAG_WRITE) < 0 ||
        avformat_write_header(format, &options) < 0)
        fail("cannot start the MP4");
    av_dict_free(&options);
    /* Bicubic: the scaler ffmpeg inserts. */
    struct SwsContext *scale = sws_getContext(width, height, AV_PIX_FMT_RGBA, width, height,
                                              AV_PIX_FMT_YUV420P, SWS_BICUBIC, NULL, NULL, NULL);
    AVFrame *frame = av_frame_alloc();
    AVPacket *packet = av_packet_alloc();
    for (long k = 0; k < frames; k++) {
        frame->format = codec->pix_fmt;
        frame->width = width;
        frame->height = height;
        if (av_frame_get_buffer(frame, 0) < 0)
            fail("out of memory");
        const uint8_t *rows = all + (size_t)(k + 1) * frame_bytes - (size_t)width * 4;
        int stride = -width * 4;
        sws_scale(scale, &rows, &stride, 0, height, frame->data, frame->linesize);
        frame->pts = k;
        if (avcodec_send_frame(codec, frame) < 0)
            fail("cannot encode a frame");
        av_frame_unref(frame);
        drain(codec, format, packet);
    }
    avcodec_send_frame(codec, NULL);
    drain(codec, format, packet);
    if (av_write_trailer(format) < 0)
        fail("cannot finish the MP4");
    avio_closep(&format->pb);
    printf("%.3f %.3f\n", cpu_seconds() - cpu, wall_seconds() - wall);

    av_packet_free(&packet);
    av_frame_free(&frame);
    sws_freeContext(scale);
    avcodec_free_context(&codec);
    avformat_free_context(format);
    munmap((void *)all, (size_t)st.st_size);
    close(fd);
    return 0;
}
